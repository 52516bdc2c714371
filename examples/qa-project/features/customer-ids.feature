@area:our-erp
Feature: Our ERP keeps the Customer IDs partners find
  Our order system stores each customer's Customer ID, which the partner reads in the portal and
  the customer enters on the SmartServer.

  Scenario: The Customer ID the partner portal shows is one our ERP can store
    Given the partner "Northwind" and its customer "P-Building 1" are on record
    When "Northwind" looks up the Customer ID of "P-Building 1" in the Search tab's customer list
    Then "Northwind" reads the Customer ID of "P-Building 1"
    And our ERP can store the Customer ID of "P-Building 1"
