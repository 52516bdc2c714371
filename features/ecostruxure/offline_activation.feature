@area:ecostruxure @offline @backoffice
Feature: Activating licenses on a server without Internet access
  A server that cannot reach the Internet is licensed through files. Device Administrator writes a
  request file for the server's assigned licenses; on a computer with Internet access the engineer
  uploads it to the License Activation Server, which gives back a response file; Device
  Administrator sends that response file to the server, and its licenses are active.

  Background:
    Given an entitlement for "Campus North" was sent by email with:
      | license product      | feature     | seats |
      | EBO SmartDriver pack | SmartDriver | 3     |
    And the engineer has added the entitlement of "Campus North" by its entitlement ID
    And these EcoStruxure BMS servers:
      | server | product | Internet |
      | AS-P 1 | AS-P    | no       |
      | AS-P 2 | AS-P    | no       |
    And the engineer has assigned 2 SmartDriver seats of "Campus North" to "AS-P 1"

  @REQ-ECX-7
  Scenario: Request file, response file, licenses active
    When the engineer creates the activation request file for "AS-P 1"
    And the engineer uploads the request file of "AS-P 1" to the License Activation Server
    And the engineer sends the response file to "AS-P 1"
    Then "AS-P 1" has 2 SmartDriver seats active, activated offline

  @REQ-ECX-7
  Scenario: Only the License Activation Server's response file activates the licenses
    When the engineer creates the activation request file for "AS-P 1"
    And the engineer sends the request file of "AS-P 1" to the server as if it were the response
    Then sending the response file is refused because the file is not a response file
    And "AS-P 1" has 2 SmartDriver seats in an offline activation

  @REQ-ECX-7 @inferred
  Scenario: A response file is sent only to the server it was made for
    When the engineer creates the activation request file for "AS-P 1"
    And the engineer uploads the request file of "AS-P 1" to the License Activation Server
    And the engineer sends the response file of "AS-P 1" to "AS-P 2"
    Then sending the response file is refused because the response file is for another server
