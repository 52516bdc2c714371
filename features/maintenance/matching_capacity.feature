@area:maintenance
Feature: A maintenance license matches the capacity it covers
  The product page says a maintenance license must match the capacity license: 200 devices of
  maintenance for a 200-device capacity. The licensing FAQ says its device count must meet or
  exceed the capacity. The two disagree when maintenance covers more than the capacity; this suite
  follows the product page (the emulator's default rule, "exact"), and the conformance report
  lists the conflict.

  @REQ-MNT-2 @backoffice @online
  Scenario Outline: <maintenance> maintenance with <capacity> capacity is <result>
    Given SmartServer "Plant room" runs release "4.0" with 3 LON, 0 BACnet and 0 Modbus devices
    And customer "P2022-0208" has activated a <capacity> license on "Plant room"
    When customer "P2022-0208" activates a <maintenance> license on "Plant room"
    Then the activation <result>

    Examples:
      | capacity  | maintenance   | result                                                                |
      | 72220-200 | 92201R-P-200  | succeeds                                                              |
      | 72220-50  | 92201R-P-10   | is refused because the maintenance license does not match the capacity |
      | 72220-50  | 92201R-P-200  | is refused because the maintenance license does not match the capacity |
