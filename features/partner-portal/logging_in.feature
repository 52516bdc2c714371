@area:partner-portal
Feature: Logging in to the License Partner Portal
  The vendor's Customer Success team gives each partner its portal login. A partner logs in with
  its email and password; a wrong password and an unknown email are refused in the same words, so
  a refusal never tells an outsider which accounts exist.

  Background:
    Given the partner "Northwind" and its customer "P-Building 1" are on record

  @REQ-PP-1 @ui
  Scenario: A partner logs in with its email and password
    When "Northwind" logs in to the partner portal
    Then "Northwind" sees its own inventory

  @REQ-PP-1 @ui
  Scenario: Wrong credentials are refused without saying which part was wrong
    When "Northwind" logs in to the partner portal with a wrong password
    Then the login is refused because the credentials are not right
    When someone logs in to the partner portal with an email nobody uses
    Then the login is refused because the credentials are not right
    And both refusals read the same
