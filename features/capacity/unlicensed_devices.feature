@area:capacity
Feature: What an unlicensed device can and cannot do
  A capacity license is what lets the SmartServer provision, manage, monitor and control devices.
  A device beyond the capacity shows purple: everything that talks to the physical device is
  disabled for it (provisioning, reading and writing datapoints), while the configuration work
  that does not (creating devices, datapoint properties, connections, the BACnet server
  configuration, schedules and sequences) stays open.

  Background:
    Given the SmartServer "Plant room" is on record

  @REQ-CAP-1 @REQ-CAP-5 @REQ-DEV-4 @ui
  Scenario Outline: An unlicensed device is refused <operation>
    Given every device of "Plant room" is unlicensed (purple)
    When a user of "Plant room" runs <operation> on its first device
    Then the device operation is refused because the device is unlicensed
    And the first device of "Plant room" is still unlicensed (purple)

    Examples:
      | operation         |
      | provision         |
      | read-datapoints   |
      | write-datapoints  |

  @REQ-CAP-5 @ui
  Scenario Outline: An unlicensed device can still be configured: <operation>
    Given every device of "Plant room" is unlicensed (purple)
    When a user of "Plant room" runs <operation> on its first device
    Then the device operation succeeds
    And the first device of "Plant room" is still unlicensed (purple)

    Examples:
      | operation                   |
      | define-datapoint-properties |
      | define-connections          |
      | configure-bacnet-server     |
      | schedule                    |
      | sequence                    |

  @REQ-CAP-1 @REQ-CAP-5 @backoffice @online @ui
  Scenario: With capacity the same device is provisioned and its datapoints read and written
    Given customer "P2022-0208" has activated a 72220-10 license on "Plant room"
    When a user of "Plant room" runs provision on its first device
    And a user of "Plant room" runs read-datapoints on its first device
    And a user of "Plant room" runs write-datapoints on its first device
    Then the first device of "Plant room" is provisioned (green)
