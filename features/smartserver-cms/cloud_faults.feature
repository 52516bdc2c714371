@area:smartserver-cms
Feature: When the licensing cloud is slow or down
  Activating licenses goes through the vendor's licensing cloud, which the documents warn can take
  minutes. When the cloud does not answer or is unavailable, the CMS says so and nothing changes on
  either side: the SmartServer keeps its licenses and devices, and the cloud still offers the same
  licenses, ready for another try.

  Background:
    Given partner "ACE Controls" has ordered on PO "PO-2026-1301" for customer "P2022-0208":
      | model     | quantity |
      | 72220-200 | 1        |
    And SmartServer "Plant room" runs release "4.0" with 3 LON, 0 BACnet and 0 Modbus devices
    And the Owner of "Plant room" has saved the Customer ID of "P2022-0208"

  @REQ-CMS-4 @REQ-CMS-6 @backoffice @faults @online
  Scenario Outline: An activation the cloud <fails to serve> changes nothing
    Given the cloud offers "Plant room" 1 license for download
    And the licensing cloud <fault>
    When the Owner of "Plant room" activates every license offered by the cloud
    Then the activation is refused because <reason>
    And "Plant room" has a device capacity of 0 and a used capacity of 1
    When the licensing cloud recovers
    Then the cloud offers "Plant room" 1 license for download

    Examples:
      | fails to serve     | fault                  | reason                                      |
      | is down for        | is unavailable         | the licensing cloud is unavailable          |
      | does not answer to | does not answer in time | the licensing cloud did not answer in time |

  @REQ-CMS-4 @backoffice @faults @online
  Scenario: A slow cloud still activates the licenses
    Given the licensing cloud answers only after a while
    When the Owner of "Plant room" activates every license offered by the cloud
    Then "Plant room" has a device capacity of 200 and a used capacity of 4
