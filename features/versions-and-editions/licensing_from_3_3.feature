@area:versions-and-editions
Feature: License management starts with release 3.3
  SmartServers running 3.3 or later count their devices against a capacity license. Older
  releases, up to 3.2, know nothing of licenses: their devices need none, the dashboard raises no
  badge, and there is nothing to activate on them.

  @REQ-VER-1 @REQ-CAP-1 @backoffice
  Scenario Outline: On release <release> provisioning <outcome>
    Given SmartServer "Old hall" runs release "<release>" with 3 LON, 1 BACnet and 0 Modbus devices
    When a user of "Old hall" runs provision on its first device
    Then the device operation <outcome>
    And the capacity badge of "Old hall" is <badge>

    Examples:
      | release      | outcome                                     | badge |
      | 3.2          | succeeds                                    | off   |
      | 3.2 Update 2 | succeeds                                    | off   |
      | 3.3          | is refused because the device is unlicensed | on    |
      | 4.0          | is refused because the device is unlicensed | on    |

  @REQ-VER-1 @backoffice @online
  Scenario: A license cannot be activated on a 3.2 SmartServer
    Given SmartServer "Old hall" runs release "3.2" with 3 LON, 1 BACnet and 0 Modbus devices
    When customer "P2022-0208" activates a 72220-10 license on "Old hall"
    Then the activation is refused because the release has no license management
    And the dashboard of "Old hall" says license management does not apply
