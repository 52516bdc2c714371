@area:smartserver-cms @online @backoffice
Feature: Activating licenses online through the SmartServer CMS
  A partner buys a device capacity license with a matching maintenance license and hands both to
  a customer project. The customer's SmartServer, connected to the Internet, downloads them from
  the licensing cloud by its Customer ID and activates them. Its devices become licensed and can
  be provisioned; when the licenses go back to the cloud, the devices lose their license again.

  Background:
    Given partner "ACE Controls" has ordered on PO "PO-2022-0208":
      | model        | quantity |
      | 72220-200    | 1        |
      | 92201R-P-200 | 1        |
    And SmartServer "Plant room" runs release "4.0" with 3 LON, 2 BACnet and 1 Modbus devices

  @REQ-ID-5 @REQ-PP-8 @REQ-PP-9 @REQ-CMS-2 @REQ-CMS-3 @REQ-CMS-4 @REQ-CMS-5 @REQ-CAP-3 @REQ-CAP-4 @REQ-DEV-1 @REQ-DEV-2 @REQ-DEV-3 @ui
  Scenario: Licenses go from the partner's inventory to a SmartServer and back to the cloud
    When "ACE Controls" transfers its 72220-200 and 92201R-P-200 licenses to the new customer "P2022-0208"
    Then each transferred license has a new License ID and its original is kept for tracking only
    When the Owner of "Plant room" saves the Customer ID of "P2022-0208"
    Then the cloud offers "Plant room" 2 licenses for download
    When the Owner of "Plant room" activates every license offered by the cloud
    Then "Plant room" has a device capacity of 200 and a used capacity of 7
    And all 6 devices of "Plant room" are unprovisioned (blue)
    When all devices of "Plant room" are provisioned
    Then all 6 devices of "Plant room" are provisioned (green)
    When the Owner of "Plant room" transfers its licenses to the cloud
    Then all 6 devices of "Plant room" are unlicensed (purple)
    And the cloud offers "Plant room" 2 licenses for download
