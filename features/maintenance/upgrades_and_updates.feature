@area:maintenance
Feature: Upgrades need maintenance, updates do not
  Installing a feature release, whether a major upgrade (3.3 to 4.0) or a minor one (3.3 to 3.4),
  needs maintenance that is active on the day. A release labelled "Update" (3.3 to 3.3 Update 1)
  fixes without adding features and needs none. When maintenance has expired, updates keep coming
  but upgrades stop.

  @REQ-MNT-1 @backoffice @online
  Scenario Outline: From 3.3 to <release> <with or without> maintenance
    Given SmartServer "Plant room" runs release "3.3" with 3 LON, 0 BACnet and 0 Modbus devices
    And customer "P2022-0208" has activated <licenses> on "Plant room"
    When the Owner of "Plant room" installs release "<release>"
    Then <outcome>

    Examples: without maintenance
      | release      | with or without | licenses           | outcome                                                          |
      | 4.0          | without         | a 72220-10 license | the installation is refused because maintenance is not active |
      | 3.4          | without         | a 72220-10 license | the installation is refused because maintenance is not active |
      | 3.3 Update 1 | without         | a 72220-10 license | "Plant room" runs release "3.3 Update 1"                         |

    Examples: with maintenance
      | release      | with or without | licenses                          | outcome                                  |
      | 4.0          | with            | 72220-10 and 92201R-P-10 licenses | "Plant room" runs release "4.0"          |
      | 3.4          | with            | 72220-10 and 92201R-P-10 licenses | "Plant room" runs release "3.4"          |
      | 3.3 Update 1 | with            | 72220-10 and 92201R-P-10 licenses | "Plant room" runs release "3.3 Update 1" |

  @REQ-MNT-1 @REQ-MNT-5 @backoffice @clock @online
  Scenario: Once maintenance has expired, updates still install but upgrades do not
    Given today is 2026-01-05
    And SmartServer "Plant room" runs release "3.3" with 3 LON, 0 BACnet and 0 Modbus devices
    And customer "P2022-0208" has activated 72220-10 and 92201R-P-10 licenses on "Plant room"
    When the date is the day after maintenance ends
    And the Owner of "Plant room" installs release "4.0"
    Then the installation is refused because maintenance is not active
    When the Owner of "Plant room" installs release "3.3 Update 2"
    Then "Plant room" runs release "3.3 Update 2"
