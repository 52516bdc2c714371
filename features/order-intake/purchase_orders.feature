@area:order-intake
Feature: Purchase orders reach the partner's inventory
  When a purchase order arrives, the vendor's order administrator finds the partner's account, or
  opens one and sends the partner its portal credentials, then adds every ordered license to the
  partner's inventory. If the order names a customer project, the licenses go straight on to it.

  @REQ-ID-1 @REQ-ID-4 @REQ-PO-1 @backoffice
  Scenario: A first order opens the partner account and fills its inventory with any mix of licenses
    Given partner "ACE Controls" has ordered on PO "PO-2026-0101":
      | model        | quantity |
      | 72220-200    | 2        |
      | 92201R-P-200 | 2        |
      | 72220-00     | 1        |
    Then "ACE Controls" was sent partner portal credentials
    And My Inventory of "ACE Controls" lists 5 licenses of PO "PO-2026-0101"
    And every license of "ACE Controls" has its own License ID in UUID form

  @REQ-ID-1 @backoffice
  Scenario: A later order goes to the partner account that exists
    Given partner "ACE Controls" has ordered on PO "PO-2026-0101":
      | model    | quantity |
      | 72220-50 | 1        |
    When partner "ACE Controls" orders again on PO "PO-2026-0102":
      | model    | quantity |
      | 72220-10 | 3        |
    Then no new partner portal credentials were sent to "ACE Controls"
    And My Inventory of "ACE Controls" lists 4 licenses

  @REQ-PO-1 @REQ-PO-2 @REQ-PP-3 @backoffice
  Scenario: An order that names the customer project hands its licenses straight to that customer
    Given partner "ACE Controls" has ordered on PO "PO-2026-0103" for customer "P2022-0208":
      | model        | quantity |
      | 72220-200    | 1        |
      | 92201R-P-200 | 1        |
    Then Customer Inventory of "ACE Controls" lists 2 licenses of "P2022-0208"
    And each transferred license has a new License ID and its original is kept for tracking only
