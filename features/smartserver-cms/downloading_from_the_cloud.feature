@area:smartserver-cms
Feature: Downloading and activating licenses from the cloud
  With the customer account's Customer ID saved, an Owner whose SmartServer reaches the Internet
  lists the account's licenses in the cloud, with Segment Controller, License ID, Transfer Date
  and a description that gives the type and, for maintenance, the expiry. The selected licenses
  are activated (the vendor warns this can take minutes), then leave the download list and show
  in Manage Licenses. A SmartServer without Internet is refused and has to use offline activation.

  @REQ-CMS-3 @REQ-CMS-4 @REQ-CMS-5 @REQ-CMS-10 @online @ui
  Scenario: Licenses on record are downloaded, activated and returned
    Given the partner "Northwind" and its customer "P-Building 1" are on record
    And the SmartServer "Plant room" is on record
    And the Owner of "Plant room" has saved the Customer ID of "P-Building 1"
    Then the cloud offers "Plant room" the capacity and maintenance licenses of "P-Building 1"
    And each offer shows Segment Controller, License ID, Transfer Date and a Description
    And the maintenance offer's description gives its expiry
    When the Owner of "Plant room" activates the capacity and maintenance licenses of "P-Building 1"
    Then Manage Licenses of "Plant room" lists both with Segment Controller, Description, Status, Activation Date, License ID and Note
    And the cloud no longer offers them to "Plant room"
    When the Owner of "Plant room" transfers its licenses to the cloud
    Then the cloud offers "Plant room" the capacity and maintenance licenses of "P-Building 1"

  @REQ-CMS-3 @REQ-CMS-4 @backoffice @online @ui
  Scenario: Only the selected licenses are activated
    Given partner "ACE Controls" has ordered on PO "PO-2026-0901" for customer "P2022-0208":
      | model     | quantity |
      | 72220-200 | 1        |
      | 72220-50  | 1        |
    And SmartServer "Plant room" runs release "4.0" with 3 LON, 2 BACnet and 1 Modbus devices
    And the Owner of "Plant room" has saved the Customer ID of "P2022-0208"
    When the Owner of "Plant room" activates only the 72220-50 license from the cloud
    Then Manage Licenses of "Plant room" lists 1 license
    And the cloud offers "Plant room" 1 license for download
    And "Plant room" has a device capacity of 50 and a used capacity of 7

  @REQ-CMS-6 @offline @ui
  Scenario: A SmartServer without Internet cannot download from the cloud
    Given the partner "Northwind" and its customer "P-Building 1" are on record
    And the SmartServer "Boiler house", which has no Internet connection, is on record
    And the Owner of "Boiler house" has saved the Customer ID of "P-Building 1"
    When the Owner of "Boiler house" asks the cloud which licenses it can download
    Then the download is refused because the SmartServer has no Internet connection
    When the Owner of "Boiler house" activates the capacity license of "P-Building 1" from the cloud
    Then the activation is refused because the SmartServer has no Internet connection

  @REQ-CMS-6 @backoffice @online @offline
  Scenario: A SmartServer that loses its connection must wait or go offline
    Given partner "ACE Controls" has ordered on PO "PO-2026-0902" for customer "P2022-0208":
      | model     | quantity |
      | 72220-200 | 1        |
    And SmartServer "Plant room" runs release "4.0" with 2 LON, 0 BACnet and 0 Modbus devices
    And the Owner of "Plant room" has saved the Customer ID of "P2022-0208"
    When "Plant room" loses its Internet connection
    And the Owner of "Plant room" activates every license offered by the cloud
    Then the activation is refused because the SmartServer has no Internet connection
    When "Plant room" gets its Internet connection back
    And the Owner of "Plant room" activates every license offered by the cloud
    Then "Plant room" has a device capacity of 200 and a used capacity of 3
