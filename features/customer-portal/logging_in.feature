@area:customer-portal
Feature: Logging in to the License Customer Portal
  A customer has no password of its own: it logs into the customer portal with one of its License
  IDs, which the portal calls the EID (Entitlement ID), or with the contact email its partner gave
  its account. Once in, it sees its own licenses and nothing of other customers. A License ID that
  a transfer retired no longer logs in; the refusal names the License ID that replaced it. Other
  refusals never tell which part was wrong.

  Background:
    Given the partner "Northwind" and its customer "P-Building 1" are on record
    And another partner "Southgate" with its customer "P2022-0311" is on record

  @REQ-CP-1 @REQ-ID-6 @ui
  Scenario: A customer logs in with the EID of one of its licenses
    When "P-Building 1" logs in to the customer portal with the EID of its capacity license
    Then "P-Building 1" is logged in to the customer portal
    And every license the portal shows gives its License ID as its EID

  @REQ-CP-1 @REQ-ID-7 @ui
  Scenario: A customer logs in with the contact email its partner registered
    When "P-Building 1" logs in to the customer portal with its contact email
    Then "P-Building 1" is logged in to the customer portal

  @REQ-CP-1 @ui
  Scenario: Logging in with an email no partner registered is refused
    When someone logs in to the customer portal with an email no partner registered
    Then the login is refused because the credentials are not right

  @REQ-CP-1 @REQ-ID-5 @REQ-ID-9 @ui
  Scenario: Logging in with a retired EID is refused with the EID that replaced it
    When someone logs in to the customer portal with the retired original of the capacity license
    Then the login is refused because the License ID was retired
    And the refusal names the new License ID of the capacity license

  @REQ-CP-2 @ui
  Scenario: A customer sees its own licenses and no one else's
    When "P-Building 1" logs in to the customer portal with its contact email
    Then the customer portal shows "P-Building 1" its capacity and maintenance licenses
    And the customer portal shows "P-Building 1" no license of "Southgate"
