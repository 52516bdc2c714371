@area:partner-portal
Feature: Transferring a license on from Customer Inventory
  A license a partner already handed to one customer can be handed on from Customer Inventory to
  another customer, existing or new, as long as it is not active on a SmartServer. Each such
  transfer again creates a new License ID and retires the one before it.

  @REQ-PP-10 @REQ-ID-5 @backoffice @ui
  Scenario Outline: A license moves from one customer to <kind> customer
    Given partner "ACE Controls" has ordered on PO "PO-2026-0601":
      | model     | quantity |
      | 72220-200 | 1        |
      | 72220-10  | 1        |
    And "ACE Controls" has transferred its 72220-10 license to the new customer "P2022-0311"
    And "ACE Controls" has transferred its 72220-200 license to the new customer "P2022-0208"
    When "ACE Controls" transfers the 72220-200 license from Customer Inventory to the <kind> customer "<to>"
    Then Customer Inventory of "ACE Controls" shows the 72220-200 license under "<to>"
    And the License ID the 72220-200 license had under "P2022-0208" is kept for tracking only

    Examples:
      | kind     | to           |
      | existing | P2022-0311   |
      | new      | P-Building 1 |

  @REQ-PP-10 @backoffice
  Scenario: A license active on a SmartServer is not transferred
    Given partner "ACE Controls" has ordered on PO "PO-2026-0602":
      | model     | quantity |
      | 72220-200 | 1        |
    And SmartServer "Plant room" runs release "4.0" with 2 LON, 0 BACnet and 0 Modbus devices
    And "ACE Controls" has transferred its 72220-200 license to the new customer "P2022-0208"
    And the Owner of "Plant room" has activated the licenses of "P2022-0208" from the cloud
    When "ACE Controls" transfers the 72220-200 license from Customer Inventory to the new customer "P2022-0311"
    Then the transfer is refused because the license is active on a SmartServer

  @REQ-PP-10 @REQ-CMS-5 @backoffice
  Scenario: A license given back to the cloud is transferred on
    Given partner "ACE Controls" has ordered on PO "PO-2026-0603":
      | model     | quantity |
      | 72220-200 | 1        |
    And SmartServer "Plant room" runs release "4.0" with 2 LON, 0 BACnet and 0 Modbus devices
    And "ACE Controls" has transferred its 72220-200 license to the new customer "P2022-0208"
    And the Owner of "Plant room" has saved the Customer ID of "P2022-0208"
    And the Owner of "Plant room" has activated the 72220-200 license from the cloud
    And the Owner of "Plant room" has transferred its licenses to the cloud
    When "ACE Controls" transfers the 72220-200 license from Customer Inventory to the new customer "P2022-0311"
    Then the transfer succeeds
    And Customer Inventory of "ACE Controls" shows the 72220-200 license under "P2022-0311"
