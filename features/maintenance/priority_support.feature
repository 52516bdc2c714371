@area:maintenance
Feature: Active maintenance brings priority support
  While a SmartServer's maintenance is active, its customer gets priority support from the vendor's
  Customer Success team; without maintenance, or once it has expired, support is standard. Customer
  Success works on the vendor's side, so these scenarios use the back office.

  @REQ-MNT-6 @backoffice @clock @online
  Scenario Outline: <when>, Customer Success gives <support> support
    Given today is 2026-01-05
    And SmartServer "Plant room" runs release "4.0" with 3 LON, 0 BACnet and 0 Modbus devices
    And customer "P2022-0208" has activated <licenses> on "Plant room"
    When the date is <when>
    Then Customer Success gives "Plant room" <support> support

    Examples:
      | when                            | licenses                          | support  |
      | 60 days before maintenance ends | 72220-10 and 92201R-P-10 licenses | priority |
      | the day maintenance ends        | 72220-10 and 92201R-P-10 licenses | priority |
      | the day after maintenance ends  | 72220-10 and 92201R-P-10 licenses | standard |

  @REQ-MNT-6 @backoffice @online
  Scenario: Without maintenance, support is standard
    Given SmartServer "Plant room" runs release "4.0" with 3 LON, 0 BACnet and 0 Modbus devices
    And customer "P2022-0208" has activated a 72220-10 license on "Plant room"
    Then Customer Success gives "Plant room" standard support
