@area:partner-portal
Feature: My Inventory and Customer Inventory
  My Inventory holds every license the partner bought, under its original License ID, and nothing
  any other partner bought. Customer Inventory holds the licenses the partner has handed to its
  customers, under the new License IDs the transfers created.

  @REQ-PP-2 @REQ-PP-3 @ui
  Scenario: Each inventory shows the partner's own licenses only
    Given the partner "Northwind" and its customer "P-Building 1" are on record
    And another partner "Southgate" with its customer "P2022-0311" is on record
    Then My Inventory of "Northwind" holds the original of its capacity license and the license in its inventory
    And Customer Inventory of "Northwind" holds its capacity and maintenance licenses under "P-Building 1"
    And no inventory of "Northwind" shows a license of "Southgate"

  @REQ-PP-2 @REQ-PP-3 @backoffice
  Scenario: Two partners' orders stay apart
    Given partner "ACE Controls" has ordered on PO "PO-2026-0401":
      | model     | quantity |
      | 72220-200 | 2        |
    And partner "Bright Buildings" has ordered on PO "PO-2026-0402":
      | model    | quantity |
      | 72220-10 | 1        |
    When "ACE Controls" transfers one 72220-200 license to the new customer "P2022-0208"
    Then My Inventory of "ACE Controls" lists 2 licenses
    And Customer Inventory of "ACE Controls" lists 1 license of "P2022-0208"
    And My Inventory of "Bright Buildings" lists 1 license
    And Customer Inventory of "Bright Buildings" lists no license
