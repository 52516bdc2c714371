@area:capacity
Feature: Adding capacity licenses more devices
  Activating another capacity license adds its devices to the SmartServer's capacity; devices that
  were unlicensed become licensed, in the order they were defined, up to the new capacity. That
  capacities add up is an inference: the documents only say that adding capacity licenses more.

  @REQ-CAP-6 @REQ-CMS-12 @backoffice @online @inferred
  Scenario: A second capacity license adds up with the first
    Given SmartServer "Plant room" runs release "4.0" with 40 LON, 15 BACnet and 5 Modbus devices
    And customer "P2022-0208" has activated a 72220-50 license on "Plant room"
    Then 49 devices of "Plant room" are licensed and 11 are unlicensed
    When customer "P2022-0208" activates a 72220-10 license on "Plant room"
    Then "Plant room" has a device capacity of 60 and a used capacity of 60
    And 59 devices of "Plant room" are licensed and 1 is unlicensed
    And the one still unlicensed is the device defined last

  @REQ-CAP-6 @REQ-DEV-2 @backoffice @online
  Scenario: Devices that become licensed wait to be provisioned
    Given SmartServer "Plant room" runs release "4.0" with 4 LON, 2 BACnet and 0 Modbus devices
    And customer "P2022-0208" has activated a 72220-00 license on "Plant room"
    When customer "P2022-0208" activates a 72220-10 license on "Plant room"
    Then all 6 devices of "Plant room" are unprovisioned (blue)
