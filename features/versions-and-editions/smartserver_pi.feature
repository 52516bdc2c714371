@area:versions-and-editions
Feature: SmartServer Pi needs its Core license
  A SmartServer Pi (release 4.2 and later) needs a SmartServer Core license for its basic functions:
  BACnet routing, and discovering, importing and creating devices. The Core license never expires.
  Capacity still decides which devices are licensed. LON devices work on a SmartServer Pi from
  release 4.3 (LON PL excepted). That the Core license gates exactly these operations, and the
  model number SSPI-CORE, are this emulator's inference.

  @REQ-VER-2 @backoffice @inferred
  Scenario Outline: Without its Core license a SmartServer Pi cannot <origin> devices
    Given SmartServer Pi "Pi lab" runs release "4.3" with no devices
    When a user of "Pi lab" adds the BACnet device "AHU-1" by <origin>
    Then adding the device is refused because the SmartServer Pi has no Core license

    Examples:
      | origin   |
      | create   |
      | discover |
      | import   |

  @REQ-VER-2 @REQ-CAP-5 @backoffice @online @inferred
  Scenario Outline: With its Core license a SmartServer Pi can <origin> devices
    Given SmartServer Pi "Pi lab" runs release "4.3" with no devices
    And customer "P2022-0208" has activated a SSPI-CORE license on "Pi lab"
    When a user of "Pi lab" adds the BACnet device "AHU-1" by <origin>
    Then the device "AHU-1" of "Pi lab" is unlicensed (purple)

    Examples:
      | origin   |
      | create   |
      | discover |
      | import   |

  @REQ-VER-2 @REQ-CAP-8 @backoffice @online @inferred
  Scenario: BACnet routing on a SmartServer Pi needs the Core license
    Given SmartServer Pi "Pi lab" runs release "4.3" with no devices
    When the Owner of "Pi lab" switches BACnet routing on
    Then switching the feature on is refused because the feature is not available
    When customer "P2022-0208" activates a SSPI-CORE license on "Pi lab"
    And the Owner of "Pi lab" switches BACnet routing on
    Then BACnet routing runs on "Pi lab"

  @REQ-VER-2 @backoffice @clock @online @inferred
  Scenario: The Core license never expires
    Given today is 2026-01-05
    And SmartServer Pi "Pi lab" runs release "4.3" with no devices
    And customer "P2022-0208" has activated a SSPI-CORE license on "Pi lab"
    When 3650 days pass
    And a user of "Pi lab" adds the BACnet device "AHU-1" by create
    Then Manage Licenses of "Pi lab" lists the SSPI-CORE license as "SmartServer Pi core", "Active", activated 2026-01-05, without a note

  @REQ-VER-2 @backoffice @online @inferred
  Scenario Outline: LON devices on a SmartServer Pi <release>
    Given SmartServer Pi "Pi lab" runs release "<release>" with no devices
    And customer "P2022-0208" has activated a SSPI-CORE license on "Pi lab"
    When a user of "Pi lab" adds the LON device "VAV-1" by create
    Then adding the device <outcome>

    Examples:
      | release | outcome                                              |
      | 4.2     | is refused because LON needs SmartServer Pi 4.3      |
      | 4.3     | succeeds                                             |

  @REQ-VER-2 @backoffice @online @inferred
  Scenario: A Core license is for SmartServer Pi only
    Given SmartServer "Plant room" runs release "4.3" with 2 LON, 0 BACnet and 0 Modbus devices
    When customer "P2022-0208" activates a SSPI-CORE license on "Plant room"
    Then the activation is refused because a Core license is for SmartServer Pi only
