@area:identities
Feature: License IDs change on every transfer
  Every license a partner buys gets a License ID. Handing it to a customer creates a new License
  ID for the customer; the original stays on record so the partner can trace it, but it can no
  longer be transferred or activated. Whoever still holds the old ID is told the new one: every
  surface that takes a License ID refuses a retired one the same way and names the License ID that
  replaced it, as long as whoever asks may know that ID.

  @REQ-ID-4 @REQ-ID-5 @backoffice
  Scenario: A transfer creates a new License ID and keeps the original for tracking
    Given partner "ACE Controls" has ordered on PO "PO-2026-0301":
      | model     | quantity |
      | 72220-200 | 1        |
    When "ACE Controls" transfers its 72220-200 license to the new customer "P2022-0208"
    Then each transferred license has a new License ID and its original is kept for tracking only

  @REQ-ID-5 @REQ-ID-9
  Scenario: A retired License ID cannot be transferred again
    Given the partner "Northwind" and its customer "P-Building 1" are on record
    When "Northwind" transfers the retired original of its capacity license to the customer "P-Building 1"
    Then the transfer is refused because the License ID was retired
    And the refusal names the new License ID of the capacity license

  @REQ-ID-5 @REQ-ID-9 @backoffice
  Scenario: A retired License ID of a license ordered in the scenario cannot be transferred or logged in with
    Given partner "ACE Controls" has ordered on PO "PO-2026-0304":
      | model     | quantity |
      | 72220-200 | 1        |
    And "ACE Controls" has transferred its 72220-200 license to the new customer "P2022-0208"
    When "ACE Controls" transfers the retired original of its 72220-200 license to the customer "P2022-0208"
    Then the transfer is refused because the License ID was retired
    And the refusal names the new License ID of the 72220-200 license
    When someone logs in to the customer portal with the retired original of the 72220-200 license
    Then the login is refused because the License ID was retired
    And the refusal names the new License ID of the 72220-200 license

  @REQ-ID-5 @REQ-ID-9 @backoffice
  Scenario: A retired License ID cannot be activated
    Given partner "ACE Controls" has ordered on PO "PO-2026-0302":
      | model     | quantity |
      | 72220-200 | 1        |
    And SmartServer "Plant room" runs release "4.0" with 2 LON, 0 BACnet and 0 Modbus devices
    When "ACE Controls" transfers its 72220-200 license to the new customer "P2022-0208"
    And the Owner of "Plant room" saves the Customer ID of "P2022-0208"
    And the Owner of "Plant room" activates the retired original of the 72220-200 license from the cloud
    Then the activation is refused because the License ID was retired
    And the refusal names the new License ID of the 72220-200 license
    And the cloud offers "Plant room" 1 license for download

  @REQ-ID-5 @REQ-ID-9 @REQ-CP-3 @backoffice @offline
  Scenario: No offline activation file is made for a retired License ID
    Given partner "ACE Controls" has ordered on PO "PO-2026-0303" for customer "P2022-0208":
      | model     | quantity |
      | 72220-200 | 1        |
    And SmartServer "Basement" runs release "4.0" with 2 LON, 0 BACnet and 0 Modbus devices
    When "P2022-0208" logs in to the customer portal with the EID of its 72220-200 license
    And "P2022-0208" creates an offline activation file of the retired original of its 72220-200 license for "Basement"
    Then the offline file is refused because the License ID was retired
    And the refusal names the new License ID of the 72220-200 license
