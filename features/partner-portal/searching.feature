@area:partner-portal
Feature: Searching licenses
  The Search tab finds a partner's licenses by customer name (picked from the partner's own
  customers), by PO number, or with no criterion at all. By default it shows every asset; the
  option "only assets with available activations" keeps those that can still be activated. Each
  row counts Transferred, Activated and Available; an original License ID kept for tracking shows
  Available 0.

  Background:
    Given the partner "Northwind" and its customer "P-Building 1" are on record

  @REQ-PP-4 @REQ-PP-5 @REQ-PP-6 @ui
  Scenario Outline: Searching <criterion>
    When "Northwind" searches <criterion>
    Then the search finds <found>

    Examples:
      | criterion                                                  | found                                                            |
      | with no criterion                                          | the original and the new ID of its capacity license              |
      | by its PO number                                           | the original and the new ID of its capacity license              |
      | by the customer name "P-Building 1"                        | the new ID of its capacity license but not its original          |
      | with no criterion, only assets with available activations  | the new ID of its capacity license but not its original          |

  @REQ-PP-6 @ui
  Scenario: Counts show what a license can still do
    When "Northwind" searches with no criterion
    Then the original of its capacity license counts Transferred 1, Activated 0 and Available 0
    And the new ID of its capacity license counts Transferred 1, Activated 0 and Available 1
    And the license in its inventory counts Transferred 0, Activated 0 and Available 1

  @REQ-PP-4 @REQ-PP-6 @backoffice @ui
  Scenario: Licenses ordered in the scenario are found by their PO number and counted
    Given partner "ACE Controls" has ordered on PO "PO-2026-0411":
      | model     | quantity |
      | 72220-200 | 1        |
    And "ACE Controls" has transferred its 72220-200 license to the new customer "P2022-0208"
    When "ACE Controls" searches by the PO number "PO-2026-0411"
    Then the search finds the original and the new ID of its 72220-200 license
    And the original of its 72220-200 license counts Transferred 1, Activated 0 and Available 0
    And the new ID of its 72220-200 license counts Transferred 1, Activated 0 and Available 1

  @REQ-PP-4 @ui
  Scenario: A partner cannot search by another partner's customer
    Given another partner "Southgate" with its customer "P2022-0311" is on record
    When "Northwind" searches by the customer name "P2022-0311"
    Then the search is refused because the customer account was not found
