@area:smartserver-cms
Feature: Returning licenses to the cloud
  Transfer to Cloud gives every capacity and maintenance license of a SmartServer back to the
  cloud, where the customer account can download them again, on this SmartServer or another one.
  It needs the Internet: there is no offline return.

  @REQ-CMS-5 @backoffice @online @ui
  Scenario: Returned licenses can be activated on another SmartServer
    Given partner "ACE Controls" has ordered on PO "PO-2026-1001" for customer "P2022-0208":
      | model        | quantity |
      | 72220-200    | 1        |
      | 92201R-P-200 | 1        |
    And SmartServer "Plant room" runs release "4.0" with 3 LON, 0 BACnet and 0 Modbus devices
    And SmartServer "Riser" runs release "4.0" with 1 LON, 1 BACnet and 1 Modbus devices
    And the Owner of "Plant room" has activated the licenses of "P2022-0208" from the cloud
    When the Owner of "Plant room" transfers its licenses to the cloud
    Then Manage Licenses of "Plant room" lists no license
    And "Plant room" has a device capacity of 0 and a used capacity of 1
    When the Owner of "Riser" saves the Customer ID of "P2022-0208"
    And the Owner of "Riser" activates every license offered by the cloud
    Then "Riser" has a device capacity of 200 and a used capacity of 4

  @REQ-CMS-14 @REQ-CMS-6 @backoffice @offline
  Scenario: There is no offline return
    Given partner "ACE Controls" has ordered on PO "PO-2026-1002" for customer "P2022-0208":
      | model     | quantity |
      | 72220-200 | 1        |
    And SmartServer "Plant room" runs release "4.0" with 3 LON, 0 BACnet and 0 Modbus devices
    And the Owner of "Plant room" has activated the licenses of "P2022-0208" from the cloud
    When "Plant room" loses its Internet connection
    And the Owner of "Plant room" transfers its licenses to the cloud
    Then the return is refused because the SmartServer has no Internet connection
    And "Plant room" has a device capacity of 200 and a used capacity of 4

  @REQ-CMS-14 @offline
  Scenario: A SmartServer on record without Internet cannot return licenses
    Given the SmartServer "Boiler house", which has no Internet connection, is on record
    When the Owner of "Boiler house" transfers its licenses to the cloud
    Then the return is refused because the SmartServer has no Internet connection

  @REQ-CMS-15 @REQ-DEV-1 @backoffice @online
  Scenario: Without licenses the devices are out of reach and the scheduler and data logging stop
    Given partner "ACE Controls" has ordered on PO "PO-2026-1003" for customer "P2022-0208":
      | model     | quantity |
      | 72220-200 | 1        |
    And SmartServer "Plant room" runs release "4.0" with 3 LON, 1 BACnet and 0 Modbus devices
    And the Owner of "Plant room" has activated the licenses of "P2022-0208" from the cloud
    And all devices of "Plant room" have been provisioned
    Then "Plant room" reaches its devices and runs its scheduler and data logging
    When the Owner of "Plant room" transfers its licenses to the cloud
    Then "Plant room" no longer reaches its devices, and its scheduler and data logging are stopped
    And all 4 devices of "Plant room" are unlicensed (purple)
    When a user of "Plant room" runs read-datapoints on its first device
    Then the device operation is refused because the device is unlicensed
