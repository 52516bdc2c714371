@area:partner-portal
Feature: Transferring a license to a customer
  A partner picks a license by its model number; its order details open on the Transfer tab with
  "Transfer To: Customer" already chosen. The partner then picks an existing customer, whose
  Customer ID shows with its name, or types a new customer name. An unknown name is answered with
  "customer account not found"; the partner may then enter optional account details, a contact
  email among them, and confirm, which opens the account with a new Customer ID. After the
  success banner the license shows in Customer Inventory.

  @REQ-PP-7 @ui
  Scenario: Order details open ready to transfer to a customer
    Given the partner "Northwind" and its customer "P-Building 1" are on record
    When "Northwind" opens the order details of the license in its inventory
    Then the Transfer tab is selected with "Transfer To: Customer"
    And the customers to pick from show "P-Building 1" with its Customer ID

  @REQ-PP-8 @backoffice @ui
  Scenario: Transfer to an existing customer
    Given partner "ACE Controls" has ordered on PO "PO-2026-0501":
      | model     | quantity |
      | 72220-200 | 1        |
      | 72220-50  | 1        |
    And "ACE Controls" has transferred its 72220-200 license to the new customer "P2022-0208"
    When "ACE Controls" transfers its 72220-50 license to the customer "P2022-0208"
    Then the transfer is confirmed with a success banner
    And Customer Inventory of "ACE Controls" lists 2 licenses of "P2022-0208"

  @REQ-PP-9 @ui
  Scenario: An unknown customer name is not an account
    Given the partner "Northwind" and its customer "P-Building 1" are on record
    When "Northwind" transfers the license in its inventory to the customer "P-Building 9" without creating an account
    Then the transfer is refused because the customer account was not found
    And "Northwind" has no customer account named "P-Building 9"

  @REQ-PP-9 @REQ-ID-2 @backoffice @ui
  Scenario: Transfer to a new customer with account details
    Given partner "ACE Controls" has ordered on PO "PO-2026-0502":
      | model     | quantity |
      | 72220-200 | 1        |
    When "ACE Controls" transfers its 72220-200 license to the new customer "P2022-0311" with contact email "facilities@p2022-0311.example"
    Then the transfer is confirmed with a success banner
    And the customer "P2022-0311" has a Customer ID in UUID form
    And "ACE Controls" lists the customer "P2022-0311" with contact email "facilities@p2022-0311.example"

  @REQ-PP-8 @ui
  Scenario: A partner cannot transfer another partner's license
    Given the partner "Northwind" and its customer "P-Building 1" are on record
    And another partner "Southgate" with its customer "P2022-0311" is on record
    When "Northwind" transfers the license of "Southgate" to the customer "P-Building 1"
    Then the transfer is refused because the partner holds no such license
