@area:partner-portal
Feature: Finding a customer's Customer ID
  A partner tells its customer the Customer ID to enter on the SmartServer. It finds it either in
  the Search tab's list of customers or by typing the customer's name in My Inventory.

  Background:
    Given the partner "Northwind" and its customer "P-Building 1" are on record

  @REQ-PP-12 @REQ-ID-2 @ui
  Scenario Outline: The Customer ID is found <where>
    When "Northwind" looks up the Customer ID of "P-Building 1" <where>
    Then "Northwind" reads the Customer ID of "P-Building 1"

    Examples:
      | where                               |
      | in the Search tab's customer list   |
      | by typing the name in My Inventory  |
