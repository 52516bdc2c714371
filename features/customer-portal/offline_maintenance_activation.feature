@area:customer-portal
Feature: Activating maintenance offline through Customer Success
  Customers cannot make offline files for maintenance licenses themselves: the customer portal
  refuses and sends them to the vendor's Customer Success team, which issues an offline
  maintenance activation file for the SmartServer's install code. The Owner loads it with Add
  License like a capacity file. Customer Success works on the vendor's side, so these scenarios
  use the back office.

  Background:
    Given partner "ACE Controls" has ordered on PO "PO-2026-1201" for customer "P2022-0208":
      | model        | quantity |
      | 72220-200    | 1        |
      | 92201R-P-200 | 1        |
    And SmartServer "Basement" runs release "4.0" with 4 LON, 2 BACnet and 0 Modbus devices
    And "Basement" has no Internet connection
    And "P2022-0208" has activated its 72220-200 license offline on "Basement"

  @REQ-CP-4 @backoffice @offline @ui
  Scenario: The customer portal sends maintenance files to Customer Success
    When "P2022-0208" creates an offline activation file of its 92201R-P-200 license for "Basement"
    Then the offline file is refused because maintenance files come from Customer Success

  @REQ-CP-4 @REQ-CMS-7 @REQ-MNT-3 @backoffice @offline @ui
  Scenario: The file from Customer Success activates maintenance on the SmartServer
    When Customer Success issues an offline maintenance file of the 92201R-P-200 license for "Basement"
    And the Owner of "Basement" adds the license file
    Then Manage Licenses of "Basement" lists 2 licenses
    And maintenance of "Basement" ends on 2029-01-05
