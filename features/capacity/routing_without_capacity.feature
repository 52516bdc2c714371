@area:capacity
Feature: Routing needs no capacity license
  A SmartServer used only as a LON Remote Network Interface, a LON router or a BACnet router needs
  no capacity license: these features run on a SmartServer that holds none. The scheduler and data
  logging, which work with the devices, do not. The REST documentation names only RNI and IP-852
  routing here; the suite follows the product page's longer list.

  Background:
    Given the SmartServer "Plant room" is on record
    And "Plant room" holds no device capacity

  @REQ-CAP-8
  Scenario Outline: <feature> runs without a capacity license
    When the Owner of "Plant room" switches <feature> on
    Then <feature> runs on "Plant room"
    When the Owner of "Plant room" switches <feature> off
    Then <feature> does not run on "Plant room"

    Examples:
      | feature                      |
      | LON Remote Network Interface |
      | LON routing                  |
      | BACnet routing               |

  @REQ-CAP-8 @REQ-CMS-15
  Scenario Outline: <feature> needs reachable devices, so it does not run without capacity
    Then <feature> does not run on "Plant room"

    Examples:
      | feature      |
      | scheduler    |
      | data logging |
