@area:capacity
Feature: The dashboard shows capacity and warns when it falls short
  The dashboard shows the licensed capacity and the used capacity. A red exclamation badge shows
  on the dashboard and on the Manage Licenses action when there is no capacity at all or less than
  the defined devices need; an Owner starting the CMS then finds Manage Licenses open by itself,
  and may close it without adding a license.

  @REQ-CAP-4 @REQ-CAP-7 @REQ-CMS-11 @backoffice @online @ui
  Scenario Outline: <situation>
    Given SmartServer "Plant room" runs release "4.0" with <devices> LON, 0 BACnet and 0 Modbus devices
    And customer "P2022-0208" has activated <licenses> on "Plant room"
    Then "Plant room" has a device capacity of <capacity> and a used capacity of <used>
    And the capacity badge of "Plant room" is <badge>
    And Manage Licenses <opens> by itself when the Owner starts the CMS of "Plant room"

    Examples:
      | situation                                  | devices | licenses             | capacity | used | badge | opens        |
      | no capacity at all                         | 0       | no license           | 0        | 1    | on    | opens        |
      | no capacity and devices defined            | 4       | no license           | 0        | 1    | on    | opens        |
      | fewer places than defined devices          | 12      | a 72220-10 license   | 10       | 10   | on    | opens        |
      | exactly enough places                      | 9       | a 72220-10 license   | 10       | 10   | off   | does not open |
      | more places than needed                    | 9       | a 72220-50 license   | 50       | 10   | off   | does not open |

  @REQ-CMS-11 @REQ-CAP-7 @ui
  Scenario: Manage Licenses opened at start-up can be closed without adding a license
    Given the SmartServer "Plant room" is on record
    Then Manage Licenses opens by itself when the Owner starts the CMS of "Plant room"
    When the Owner of "Plant room" closes Manage Licenses without adding a license
    Then "Plant room" has a device capacity of 0 and a used capacity of 1
    And the capacity badge of "Plant room" is on
