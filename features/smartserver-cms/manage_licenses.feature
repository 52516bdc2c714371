@area:smartserver-cms
Feature: Reaching Manage Licenses and what it shows
  Manage Licenses opens by itself when an Owner starts the CMS while the capacity falls short, and
  the Owner can open it from the CMS at any time. It lists every activated license with Segment
  Controller, Description, Status, Activation Date, License ID and an optional Note, and offers
  four actions: Manage Customer Accounts, Download Licenses from the Cloud, Add License and Edit
  Notifications. Release 3.3 also had an entry in the Devices widget; the suite follows the later
  documents (the conformance report lists this difference between sources).

  @REQ-CMS-8 @REQ-CMS-11 @REQ-CMS-1 @ui
  Scenario: At start-up without capacity Manage Licenses opens for the Owner only
    Given the SmartServer "Plant room" is on record
    Then Manage Licenses opens by itself when the Owner starts the CMS of "Plant room"
    And Manage Licenses does not open by itself when the User starts the CMS of "Plant room"

  @REQ-CMS-8 @backoffice @online @ui
  Scenario: With enough capacity the Owner opens Manage Licenses from the CMS
    Given SmartServer "Riser" runs release "4.0" with 2 LON, 0 BACnet and 0 Modbus devices
    And customer "P2022-0208" has activated a 72220-10 license on "Riser"
    Then Manage Licenses does not open by itself when the Owner starts the CMS of "Riser"
    When the Owner of "Riser" opens Manage Licenses
    Then Manage Licenses of "Riser" lists 1 license

  @REQ-CMS-10 @backoffice @online @ui
  Scenario: Each activated license is listed with its details and an optional note
    Given SmartServer "Riser" runs release "4.0" with 2 LON, 0 BACnet and 0 Modbus devices
    And customer "P2022-0208" has activated 72220-200 and 92201R-P-200 licenses on "Riser"
    When the Owner of "Riser" notes "Riser cabinet 2, level 3" on the 72220-200 license
    Then Manage Licenses of "Riser" lists the 72220-200 license as "200-device capacity", "Active", activated today, with the note "Riser cabinet 2, level 3"
    And Manage Licenses of "Riser" lists the 92201R-P-200 license as "3-year maintenance", "Active", activated today, without a note

  @REQ-CMS-10 @ui
  Scenario: The Owner finds the four actions of Manage Licenses
    Given the partner "Northwind" and its customer "P-Building 1" are on record
    And the SmartServer "Plant room" is on record
    And the Owner of "Plant room" has saved the Customer ID of "P-Building 1"
    Then the Owner of "Plant room" can use Manage Customer Accounts, Download Licenses from the Cloud, Add License and Edit Notifications
