@area:smartserver-cms
Feature: Maintenance notifications
  In Edit Notifications the Owner chooses who receives email about the SmartServer's maintenance,
  on which days before it ends, and whether a renewal is confirmed. The vendor page that details
  these settings could not be read, so their shape (recipients, days before the end, renewal
  confirmation) is this emulator's inference; the days on which mail goes out follow from them.

  @REQ-CMS-9 @inferred @ui
  Scenario: The Owner sets who is told and when
    Given the SmartServer "Plant room" is on record
    When the Owner of "Plant room" sets maintenance notifications to "facilities@p-building-1.example" on 60, 30 and 7 days before the end, with renewal confirmations
    Then the notification settings of "Plant room" name "facilities@p-building-1.example" on 60, 30 and 7 days before the end, with renewal confirmations

  @REQ-CMS-9 @REQ-CMS-1 @inferred @ui
  Scenario: Only the Owner edits the notifications
    Given the SmartServer "Plant room" is on record
    When the Admin of "Plant room" sets maintenance notifications to "it@p-building-1.example" on 30 days before the end
    Then editing the notifications is refused because only the Owner may manage licenses

  @REQ-CMS-9 @backoffice @clock @online @inferred
  Scenario Outline: A reminder goes out on each chosen day: <when>
    Given today is 2026-01-05
    And SmartServer "Plant room" runs release "4.0" with 3 LON, 0 BACnet and 0 Modbus devices
    And customer "P2022-0208" has activated 72220-10 and 92201R-P-10 licenses on "Plant room"
    And the Owner of "Plant room" has set maintenance notifications to "ops@p2022-0208.example" on 60, 30 and 7 days before the end
    When the date is <when>
    Then <mail> is due today for "Plant room"

    Examples:
      | when                            | mail                                          |
      | 60 days before maintenance ends | an expiry reminder to "ops@p2022-0208.example" |
      | 45 days before maintenance ends | no notification                               |
      | 30 days before maintenance ends | an expiry reminder to "ops@p2022-0208.example" |
      | 7 days before maintenance ends  | an expiry reminder to "ops@p2022-0208.example" |

  @REQ-CMS-9 @REQ-MNT-4 @backoffice @clock @online @inferred
  Scenario: Extending maintenance is confirmed by email
    Given today is 2026-01-05
    And SmartServer "Plant room" runs release "4.0" with 3 LON, 0 BACnet and 0 Modbus devices
    And customer "P2022-0208" has activated 72220-10 and 92201R-P-10 licenses on "Plant room"
    And the Owner of "Plant room" has set maintenance notifications to "ops@p2022-0208.example" on 30 days before the end, with renewal confirmations
    When the date is 20 days before maintenance ends
    And customer "P2022-0208" buys another 92201R-P-10 license
    And the Owner of "Plant room" activates the new 92201R-P-10 license from the cloud
    Then a renewal confirmation to "ops@p2022-0208.example" is due today for "Plant room"
