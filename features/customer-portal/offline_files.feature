@area:customer-portal
Feature: What an offline activation file does to its license
  Making an offline activation file binds its license to the install code typed: until the file is
  loaded on that SmartServer, the license cannot be activated online, transferred, or given a file
  for another SmartServer. The vendors' documents do not say how long that lasts or how a license
  comes back from a file nobody loads; the emulator's reading is that a file can be loaded for 30
  days, that an unused file gives its license back when it expires, and that the customer can
  withdraw an unused file (for one made for a mistyped install code, say). The portal asks for the
  install code twice, so a typo is caught before the file exists.

  Background:
    Given partner "ACE Controls" has ordered on PO "PO-2026-1201" for customer "P2022-0208":
      | model     | quantity |
      | 72220-200 | 1        |
    And SmartServer "Basement" runs release "4.0" with 4 LON, 2 BACnet and 0 Modbus devices
    And "Basement" has no Internet connection

  @REQ-CP-5 @REQ-CP-3 @backoffice @offline @inferred @ui
  Scenario: A file binds its license to one SmartServer for 30 days
    When "P2022-0208" logs in to the customer portal with the EID of its 72220-200 license
    And "P2022-0208" creates an offline activation file of its 72220-200 license for "Basement"
    Then the customer portal shows the 72220-200 license bound to "Basement" by a file that can be loaded for 30 days

  @REQ-CP-5 @backoffice @offline @inferred
  Scenario: While a file is unused, its license cannot be activated online elsewhere
    Given SmartServer "Plant room" runs release "4.0" with 2 LON, 0 BACnet and 0 Modbus devices
    And "P2022-0208" has created an offline activation file of its 72220-200 license for "Basement"
    When the Owner of "Plant room" saves the Customer ID of "P2022-0208"
    And the Owner of "Plant room" activates the 72220-200 license from the cloud
    Then the activation is refused because the license is bound by an offline file

  @REQ-CP-6 @backoffice @offline @inferred @ui
  Scenario: A file made for the wrong SmartServer is withdrawn, and the license gets a file for the right one
    Given SmartServer "Loft" runs release "4.0" with 1 LON, 0 BACnet and 0 Modbus devices
    And "P2022-0208" has created an offline activation file of its 72220-200 license for "Loft"
    When "P2022-0208" withdraws the offline activation file of its 72220-200 license
    Then withdrawing the file succeeds
    And the customer portal shows the 72220-200 license free for a file or an online activation
    When "P2022-0208" creates an offline activation file of its 72220-200 license for "Basement"
    And the Owner of "Basement" adds the license file
    Then "Basement" has a device capacity of 200 and a used capacity of 7

  @REQ-CP-6 @backoffice @offline @inferred @ui
  Scenario: A withdrawn file no longer loads
    Given "P2022-0208" has created an offline activation file of its 72220-200 license for "Basement"
    And "P2022-0208" has withdrawn the offline activation file of its 72220-200 license
    When the Owner of "Basement" adds the license file
    Then loading the file is refused because the file was withdrawn
    And "Basement" has a device capacity of 0 and a used capacity of 1

  @REQ-CP-6 @backoffice @offline @inferred @ui
  Scenario: A file that was loaded cannot be withdrawn
    Given "P2022-0208" has activated its 72220-200 license offline on "Basement"
    When "P2022-0208" withdraws the offline activation file of its 72220-200 license
    Then withdrawing the file is refused because the license is already active
    And "Basement" has a device capacity of 200 and a used capacity of 7

  @REQ-CP-5 @backoffice @offline @inferred @clock
  Scenario: An unused file gives its license back when it expires
    Given "P2022-0208" has created an offline activation file of its 72220-200 license for "Basement"
    When 31 days pass
    Then the customer portal shows the 72220-200 license free for a file or an online activation
    When the Owner of "Basement" adds the license file
    Then loading the file is refused because the file has expired

  @REQ-CP-7 @backoffice @offline @inferred @ui
  Scenario: The install code must be typed the same twice
    When "P2022-0208" logs in to the customer portal with the EID of its 72220-200 license
    And "P2022-0208" creates an offline activation file of its 72220-200 license for "Basement", confirming the install code as "17qzzzz"
    Then the offline file is refused because the two install codes differ
    And the customer portal shows the 72220-200 license free for a file or an online activation
