@area:ecostruxure @online @backoffice
Feature: Assigning licenses to EcoStruxure BMS servers
  Device Administrator hands out the license features of an entitlement's products to servers:
  the engineer enters, per server, how many seats of a feature it gets. A license goes only to a
  server it applies to, and never more seats than the entitlement has free.

  Background:
    Given an entitlement for "Campus North" was sent by email with:
      | license product      | feature             | seats |
      | EBO SmartDriver pack | SmartDriver         | 3     |
      | Edge analytics       | TimescaleDB         | 1     |
      | Dashboards           | Personal Dashboards | 2     |
    And the engineer has added the entitlement of "Campus North" by its entitlement ID
    And these EcoStruxure BMS servers:
      | server | product     |
      | AS-P 1 | AS-P        |
      | AS-B 1 | AS-B        |
      | Edge 1 | Edge Server |

  @REQ-ECX-5
  Scenario: Seats of a license feature are assigned to a server
    When the engineer assigns 2 SmartDriver seats of "Campus North" to "AS-P 1"
    Then "AS-P 1" has 2 SmartDriver seats assigned, waiting for activation
    And "Campus North" has 1 of 3 SmartDriver seats free

  @REQ-ECX-10 @inferred
  Scenario: A SmartDriver license is refused on an AS-B, which it does not apply to
    When the engineer assigns 1 SmartDriver seat of "Campus North" to "AS-B 1"
    Then the assignment is refused because the license does not apply to the server
    And "Campus North" has 3 of 3 SmartDriver seats free

  @REQ-ECX-10 @inferred
  Scenario: An Edge-Server-only feature goes to the Edge Server and is refused on an AS-P
    When the engineer assigns 1 TimescaleDB seat of "Campus North" to "AS-P 1"
    Then the assignment is refused because the license does not apply to the server
    When the engineer assigns 1 TimescaleDB seat of "Campus North" to "Edge 1"
    Then "Edge 1" has 1 TimescaleDB seat assigned, waiting for activation

  @REQ-ECX-5
  Scenario: No more seats are assigned than the entitlement has free
    Given the engineer has assigned 3 SmartDriver seats of "Campus North" to "AS-P 1"
    When the engineer assigns 1 SmartDriver seat of "Campus North" to "Edge 1"
    Then the assignment is refused because not enough seats are free

  @REQ-ECX-10 @inferred
  Scenario: A per-server feature is assigned once per server
    Given the engineer has assigned 1 Personal Dashboards seat of "Campus North" to "AS-B 1"
    When the engineer assigns 1 Personal Dashboards seat of "Campus North" to "AS-B 1"
    Then the assignment is refused because the server already has that feature
