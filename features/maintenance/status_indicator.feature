@area:maintenance
Feature: Maintenance status on the dashboard and in Manage Licenses
  The dashboard's maintenance indicator reads Active while the end is more than 60 days away,
  "Expires <date>" within the last 60 days, and Inactive afterwards. The Manage Licenses dialog
  words the same states "Active", "Expiring <date>" and "Expired <date>". The sources use these
  two vocabularies for the two surfaces; this suite checks each surface in its own words rather
  than picking one. Where the dialog switches to "Expiring" is not documented: the suite expects
  the dashboard's 60 days, which is why those rows are marked inferred.

  Background:
    Given today is 2026-01-05
    And SmartServer "Plant room" runs release "4.0" with 6 LON, 2 BACnet and 1 Modbus devices
    And customer "P2022-0208" has activated 72220-10 and 92201R-P-10 licenses on "Plant room"

  @REQ-MNT-5 @REQ-MNT-3 @backoffice @clock @online
  Scenario Outline: The dashboard indicator <when>
    When the date is <when>
    Then the dashboard of "Plant room" shows maintenance <dashboard>

    Examples:
      | when                                     | dashboard                |
      | 61 days before maintenance ends          | Active                   |
      | 60 days before maintenance ends          | Expires on the end date  |
      | the day maintenance ends                 | Expires on the end date  |
      | the day after maintenance ends           | Inactive                 |

  @REQ-MNT-5 @backoffice @clock @online @inferred
  Scenario Outline: The Manage Licenses status <when>
    When the date is <when>
    Then Manage Licenses of "Plant room" shows the maintenance license as <dialog>

    Examples:
      | when                                     | dialog                   |
      | 61 days before maintenance ends          | Active                   |
      | 60 days before maintenance ends          | Expiring on the end date |
      | the day maintenance ends                 | Expiring on the end date |
      | the day after maintenance ends           | Expired on the end date  |

  @REQ-MNT-3 @backoffice @online
  Scenario: A Premium Pass runs three years from its transfer
    Then maintenance of "Plant room" ends on 2029-01-05
