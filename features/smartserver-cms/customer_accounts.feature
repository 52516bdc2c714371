@area:smartserver-cms
Feature: Manage Customer Accounts
  Before a SmartServer can download licenses, its Owner enters the Customer ID of the customer
  account that holds them. Manage Customer Accounts shows the Segment Controller and its Install
  Code read-only; the Customer ID is the one field that can be entered, then saved or discarded.

  Background:
    Given the partner "Northwind" and its customer "P-Building 1" are on record
    And the SmartServer "Plant room" is on record

  @REQ-CMS-2 @ui
  Scenario: Segment controller and install code are shown read-only
    When the Owner of "Plant room" opens Manage Customer Accounts
    Then it shows the segment controller "Plant room" with its install code
    And entering a Customer ID on "Plant room" leaves the segment controller and install code as they were

  @REQ-CMS-2 @ui
  Scenario: An entered Customer ID is saved
    When the Owner of "Plant room" enters the Customer ID of "P-Building 1"
    And the Owner of "Plant room" saves the entered Customer ID
    Then Manage Customer Accounts of "Plant room" shows the Customer ID of "P-Building 1"

  @REQ-CMS-2 @backoffice @ui
  Scenario: An entered Customer ID is discarded
    Given partner "ACE Controls" has ordered on PO "PO-2026-0801" for customer "P2022-0208":
      | model    | quantity |
      | 72220-50 | 1        |
    And SmartServer "Riser" runs release "4.0" with 1 LON, 0 BACnet and 0 Modbus devices
    And the Owner of "Riser" has saved the Customer ID of "P2022-0208"
    When the Owner of "Riser" enters the Customer ID of "P-Building 1"
    And the Owner of "Riser" discards the entered Customer ID
    Then Manage Customer Accounts of "Riser" shows the Customer ID of "P2022-0208"
