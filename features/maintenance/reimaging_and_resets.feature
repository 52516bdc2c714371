@area:maintenance
Feature: Re-imaging and resets keep the licenses
  Re-imaging a SmartServer, Reset Databases and Restore Factory Settings keep its capacity and
  maintenance licenses. Re-imaging with a newer feature release counts as an upgrade and needs
  active maintenance; re-imaging with the same or an older release, or with an Update release,
  does not. What else these operations forget (devices, notifications) is this emulator's choice;
  the suite checks only the licenses. The documents also keep platform upgrades outside
  maintenance, which this emulator does not model.

  Background:
    Given SmartServer "Plant room" runs release "4.0" with 3 LON, 1 BACnet and 0 Modbus devices

  @REQ-MNT-7 @backoffice @online
  Scenario Outline: <operation> keeps the licenses
    Given customer "P2022-0208" has activated 72220-10 and 92201R-P-10 licenses on "Plant room"
    When the Owner of "Plant room" <operation>
    Then Manage Licenses of "Plant room" lists 2 licenses
    And "Plant room" has a device capacity of 10

    Examples:
      | operation                          |
      | resets the databases               |
      | restores the factory settings      |
      | re-images it with release "4.0"    |
      | re-images it with release "4.1"    |

  @REQ-MNT-7 @backoffice @online
  Scenario Outline: Re-imaging with <release> without maintenance
    Given customer "P2022-0208" has activated a 72220-10 license on "Plant room"
    When the Owner of "Plant room" re-images it with release "<release>"
    Then <outcome>
    And "Plant room" has a device capacity of 10

    Examples:
      | release      | outcome                                                  |
      | 4.1          | re-imaging is refused because maintenance is not active |
      | 4.0          | "Plant room" runs release "4.0"                          |
      | 3.4          | "Plant room" runs release "3.4"                          |
      | 4.0 Update 2 | "Plant room" runs release "4.0 Update 2"                 |
