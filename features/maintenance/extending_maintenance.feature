@area:maintenance
Feature: Extending maintenance before it ends
  A SmartServer's maintenance can be extended at any time before it ends, by activating another
  maintenance license; the new term is added to the end. Once maintenance has expired it can no
  longer be extended.

  Background:
    Given today is 2026-01-05
    And SmartServer "Plant room" runs release "4.0" with 6 LON, 2 BACnet and 1 Modbus devices
    And customer "P2022-0208" has activated 72220-10 and 92201R-P-10 licenses on "Plant room"

  @REQ-MNT-4 @backoffice @clock @online
  Scenario Outline: Maintenance extended <when> runs three more years
    When the date is <when>
    And customer "P2022-0208" buys another 92201R-P-10 license
    And the Owner of "Plant room" activates the new 92201R-P-10 license from the cloud
    Then maintenance of "Plant room" ends on 2032-01-05
    And the dashboard of "Plant room" shows maintenance Active

    Examples:
      | when                                   |
      | 2 years before maintenance ends        |
      | 60 days before maintenance ends        |
      | the day maintenance ends               |

  @REQ-MNT-4 @backoffice @clock @online
  Scenario: Maintenance that expired cannot be extended
    When the date is the day after maintenance ends
    And customer "P2022-0208" buys another 92201R-P-10 license
    And the Owner of "Plant room" activates the new 92201R-P-10 license from the cloud
    Then the activation is refused because maintenance has already expired
    And the dashboard of "Plant room" shows maintenance Inactive
