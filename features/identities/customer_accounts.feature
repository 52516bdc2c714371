@area:identities
Feature: Customer accounts and their identifiers
  A partner opens a customer/project account the first time it hands a license to that customer.
  The account gets a Customer ID, which the customer's SmartServers later use to find its licenses
  in the cloud. The name identifies the account in the partner's own view. A contact email, when
  given, belongs to that one account across the whole customer database, because it is what the
  customer logs into the customer portal with.

  @REQ-ID-2 @REQ-PP-9 @backoffice
  Scenario: A new customer account gets a Customer ID
    Given partner "ACE Controls" has ordered on PO "PO-2026-0201":
      | model    | quantity |
      | 72220-50 | 1        |
    When "ACE Controls" transfers its 72220-50 license to the new customer "P2022-0208"
    Then the customer "P2022-0208" has a Customer ID in UUID form

  @REQ-ID-3 @backoffice @inferred
  Scenario: Within a partner's view a customer name names one account
    Given partner "ACE Controls" has ordered on PO "PO-2026-0202":
      | model    | quantity |
      | 72220-50 | 2        |
    When "ACE Controls" transfers its 72220-50 licenses to the new customer "P-Building 1"
    Then "ACE Controls" has one customer account named "P-Building 1", holding 2 licenses

  @REQ-ID-3 @backoffice @inferred
  Scenario: Two partners may each have a customer of the same name
    Given partner "ACE Controls" has ordered on PO "PO-2026-0203":
      | model    | quantity |
      | 72220-50 | 1        |
    And partner "Bright Buildings" has ordered on PO "PO-2026-0204":
      | model    | quantity |
      | 72220-10 | 1        |
    When "ACE Controls" transfers its 72220-50 license to the new customer "P-Building 1"
    And "Bright Buildings" transfers its 72220-10 license to the new customer "P-Building 1"
    Then the "P-Building 1" of "ACE Controls" and the "P-Building 1" of "Bright Buildings" have different Customer IDs

  @REQ-ID-7 @REQ-PP-9
  Scenario: A contact email on record cannot be given to a second customer
    Given the partner "Northwind" and its customer "P-Building 1" are on record
    When "Northwind" transfers the license in its inventory to the new customer "P-Building 2" with the contact email of "P-Building 1"
    Then the transfer is refused because the contact email belongs to another customer
    And "Northwind" has no customer account named "P-Building 2"
