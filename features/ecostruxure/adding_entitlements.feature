@area:ecostruxure @online @backoffice
Feature: Adding an entitlement to Device Administrator
  A customer's EcoStruxure licenses arrive by email as an entitlement: license products, each with
  an activation ID and license features with seat counts. The engineer adds the entitlement to
  Device Administrator, from the HTML entitlement certificate attached to the email or by typing
  its entitlement ID, and its licenses become available to assign.

  Background:
    Given an entitlement for "Campus North" was sent by email with:
      | license product      | feature            | seats |
      | EBO SmartDriver pack | SmartDriver        | 3     |
      | EBO SmartDriver pack | SNMP Notifications | 2     |
      | Edge analytics       | TimescaleDB        | 1     |

  @REQ-ECX-2 @REQ-ECX-4
  Scenario: The entitlement is added from its HTML entitlement certificate file
    When the engineer adds the entitlement of "Campus North" from its certificate file
    Then Device Administrator lists the 2 license products of "Campus North", each with its activation ID
    And "Campus North" has 3 of 3 SmartDriver seats free

  @REQ-ECX-2 @REQ-ECX-4
  Scenario: The entitlement is added from its entitlement ID
    When the engineer adds the entitlement of "Campus North" by its entitlement ID
    Then Device Administrator lists the 2 license products of "Campus North", each with its activation ID
    And "Campus North" has 1 of 1 TimescaleDB seat free

  @REQ-ECX-4 @inferred
  Scenario: A damaged certificate file is refused, naming what is wrong, and nothing is added
    When the engineer adds the entitlement of "Campus North" from a certificate file whose first seat count reads "three"
    Then adding the entitlement is refused because the certificate file is malformed
    And the refusal names the field "certificateFile.rows[0].seats"
    And Device Administrator lists no entitlements

  @REQ-ECX-4
  Scenario: An entitlement is added only once
    Given the engineer has added the entitlement of "Campus North" by its entitlement ID
    When the engineer adds the entitlement of "Campus North" from its certificate file
    Then adding the entitlement is refused because the entitlement is already in Device Administrator
