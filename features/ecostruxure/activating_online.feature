@area:ecostruxure @online @backoffice
Feature: Activating licenses online
  Once assigned, licenses are activated from Device Administrator against the License Activation
  Server, on every server in the list at once or on the servers the engineer picks. A server must
  reach the Internet for that, and when Device Administrator talks HTTPS to it, its certificates
  must be installed first. An activated license stays: it is never activated twice on the same
  server and cannot be deactivated.

  Background:
    Given an entitlement for "Campus North" was sent by email with:
      | license product      | feature            | seats |
      | EBO SmartDriver pack | SmartDriver        | 4     |
      | EBO SmartDriver pack | SNMP Notifications | 2     |
    And the engineer has added the entitlement of "Campus North" by its entitlement ID

  @REQ-ECX-6 @REQ-ECX-8
  Scenario: Licenses are activated on all servers at once
    Given these EcoStruxure BMS servers:
      | server | product     |
      | AS-P 1 | AS-P        |
      | Edge 1 | Edge Server |
    And the engineer has assigned 2 SmartDriver seats of "Campus North" to "AS-P 1"
    And the engineer has assigned 2 SmartDriver seats of "Campus North" to "Edge 1"
    When the engineer activates the assigned licenses on all servers
    Then "AS-P 1" has 2 SmartDriver seats active, activated online
    And "Edge 1" has 2 SmartDriver seats active, activated online

  @REQ-ECX-6 @REQ-ECX-8
  Scenario: Licenses are activated on a chosen server only
    Given these EcoStruxure BMS servers:
      | server | product |
      | AS-P 1 | AS-P    |
      | AS-P 2 | AS-P    |
    And the engineer has assigned 1 SNMP Notifications seat of "Campus North" to "AS-P 1"
    And the engineer has assigned 1 SNMP Notifications seat of "Campus North" to "AS-P 2"
    When the engineer activates the assigned licenses on "AS-P 2"
    Then "AS-P 2" has 1 SNMP Notifications seat active, activated online
    And "AS-P 1" has 1 SNMP Notifications seat assigned, waiting for activation

  @REQ-ECX-3
  Scenario: A server without Internet access cannot activate online
    Given these EcoStruxure BMS servers:
      | server | product | Internet |
      | AS-P 1 | AS-P    | no       |
    And the engineer has assigned 1 SmartDriver seat of "Campus North" to "AS-P 1"
    When the engineer activates the assigned licenses on "AS-P 1"
    Then the online activation is refused because the server has no Internet access
    And "AS-P 1" has 1 SmartDriver seat assigned, waiting for activation

  @REQ-ECX-3 @REQ-ECX-8 @inferred
  Scenario: One server without Internet access stops an activation on all servers
    Given these EcoStruxure BMS servers:
      | server | product | Internet |
      | AS-P 1 | AS-P    | yes      |
      | AS-P 2 | AS-P    | no       |
    And the engineer has assigned 1 SmartDriver seat of "Campus North" to "AS-P 1"
    And the engineer has assigned 1 SmartDriver seat of "Campus North" to "AS-P 2"
    When the engineer activates the assigned licenses on all servers
    Then the online activation is refused because the server has no Internet access
    And "AS-P 1" has 1 SmartDriver seat assigned, waiting for activation
    When the engineer activates the assigned licenses on "AS-P 1"
    Then "AS-P 1" has 1 SmartDriver seat active, activated online

  @REQ-ECX-1
  Scenario: A server on HTTPS needs its certificates installed before activation
    Given these EcoStruxure BMS servers:
      | server | product | HTTPS | certificates |
      | AS-P 1 | AS-P    | yes   | no           |
    And the engineer has assigned 2 SmartDriver seats of "Campus North" to "AS-P 1"
    When the engineer activates the assigned licenses on "AS-P 1"
    Then the online activation is refused because the server uses HTTPS without certificates
    When the certificates are installed on "AS-P 1"
    And the engineer activates the assigned licenses on "AS-P 1"
    Then "AS-P 1" has 2 SmartDriver seats active, activated online

  @REQ-ECX-10
  Scenario: A license already active on a server is not activated again
    Given these EcoStruxure BMS servers:
      | server | product |
      | AS-P 1 | AS-P    |
    And the engineer has assigned 1 SNMP Notifications seat of "Campus North" to "AS-P 1"
    And the engineer has activated the assigned licenses on all servers
    When the engineer activates the SNMP Notifications license of "AS-P 1" again
    Then the online activation is refused because the license is already active on the server

  @REQ-ECX-8
  Scenario: An activated license cannot be deactivated
    Given these EcoStruxure BMS servers:
      | server | product |
      | AS-P 1 | AS-P    |
    And the engineer has assigned 2 SmartDriver seats of "Campus North" to "AS-P 1"
    And the engineer has activated the assigned licenses on all servers
    When the engineer deactivates the SmartDriver license of "AS-P 1"
    Then the deactivation is refused because an activated license cannot be deactivated
    And "AS-P 1" has 2 SmartDriver seats active, activated online
