@area:ecostruxure @backoffice
Feature: Returning the licenses of a server
  Licenses activated on a server that does not need them are returned: a return always takes all
  the licenses of the selected server, and their seats can then be assigned and activated on
  another server. Online the return is immediate. Offline it goes through request and response
  files, and the seats come free only once the return is confirmed on the License Activation
  Server.

  Background:
    Given an entitlement for "Campus North" was sent by email with:
      | license product      | feature            | seats |
      | EBO SmartDriver pack | SmartDriver        | 2     |
      | EBO SmartDriver pack | SNMP Notifications | 1     |
    And the engineer has added the entitlement of "Campus North" by its entitlement ID

  @REQ-ECX-9 @online
  Scenario: An online return frees every seat of the server for another server
    Given these EcoStruxure BMS servers:
      | server | product     |
      | AS-P 1 | AS-P        |
      | Edge 1 | Edge Server |
    And the engineer has assigned 2 SmartDriver seats of "Campus North" to "AS-P 1"
    And the engineer has assigned 1 SNMP Notifications seat of "Campus North" to "AS-P 1"
    And the engineer has activated the assigned licenses on all servers
    When the engineer returns the licenses of "AS-P 1"
    Then "AS-P 1" holds no licenses
    And "Campus North" has 2 of 2 SmartDriver seats free
    When the engineer assigns 2 SmartDriver seats of "Campus North" to "Edge 1"
    And the engineer activates the assigned licenses on "Edge 1"
    Then "Edge 1" has 2 SmartDriver seats active, activated online

  @REQ-ECX-9 @offline @inferred
  Scenario: An offline return must be confirmed before the seats are used again
    Given these EcoStruxure BMS servers:
      | server | product | Internet |
      | AS-P 1 | AS-P    | no       |
      | AS-P 2 | AS-P    | yes      |
    And the engineer has assigned 2 SmartDriver seats of "Campus North" to "AS-P 1"
    And the licenses of "AS-P 1" were activated offline
    When the engineer creates the return request file for "AS-P 1"
    And the engineer uploads the request file of "AS-P 1" to the License Activation Server
    And the engineer sends the response file to "AS-P 1"
    Then "AS-P 1" holds no active licenses
    When the engineer assigns 2 SmartDriver seats of "Campus North" to "AS-P 2"
    Then the assignment is refused because the offline return is not confirmed yet
    When the engineer confirms the return of "AS-P 1" on the License Activation Server
    And the engineer assigns 2 SmartDriver seats of "Campus North" to "AS-P 2"
    And the engineer activates the assigned licenses on "AS-P 2"
    Then "AS-P 2" has 2 SmartDriver seats active, activated online

  @REQ-ECX-9 @offline
  Scenario: A return is confirmed only after its response file reached the server
    Given these EcoStruxure BMS servers:
      | server | product | Internet |
      | AS-P 1 | AS-P    | no       |
    And the engineer has assigned 1 SNMP Notifications seat of "Campus North" to "AS-P 1"
    And the licenses of "AS-P 1" were activated offline
    When the engineer creates the return request file for "AS-P 1"
    And the engineer confirms the return of "AS-P 1" on the License Activation Server
    Then the return confirmation is refused because the response file has not reached the server
