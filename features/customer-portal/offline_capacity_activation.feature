@area:customer-portal
Feature: Activating a capacity license offline
  A SmartServer without Internet cannot download licenses. Its Owner reads the install code in
  Manage Customer Accounts; on a computer that has Internet, the customer logs into the customer
  portal and creates an offline activation file of a capacity license for that install code; back
  at the SmartServer, the Owner loads the file with Add License. The license is then active on that
  SmartServer only. That a file is refused on another SmartServer, and loads only once, is this
  emulator's reading of "a file for one SmartServer". Release 3.3 documents also let partners
  make these files in the partner portal; the suite follows the later documents, which name the
  customer portal only (the conformance report lists this difference between sources).

  Background:
    Given partner "ACE Controls" has ordered on PO "PO-2026-1101" for customer "P2022-0208":
      | model     | quantity |
      | 72220-200 | 1        |
    And SmartServer "Basement" runs release "4.0" with 4 LON, 2 BACnet and 0 Modbus devices
    And "Basement" has no Internet connection

  @REQ-CP-3 @REQ-CMS-7 @REQ-CMS-6 @REQ-CAP-6 @backoffice @offline @ui
  Scenario: The customer portal's file activates the capacity on the SmartServer it names
    When "P2022-0208" logs in to the customer portal with the EID of its 72220-200 license
    And "P2022-0208" creates an offline activation file of its 72220-200 license for "Basement"
    And the Owner of "Basement" adds the license file
    Then "Basement" has a device capacity of 200 and a used capacity of 7
    And all 6 devices of "Basement" are unprovisioned (blue)
    And the customer portal shows the 72220-200 license active offline on "Basement"

  @REQ-CP-3 @REQ-CMS-7 @backoffice @offline @inferred @ui
  Scenario: A file made for one SmartServer is refused by another
    Given SmartServer "Loft" runs release "4.0" with 1 LON, 0 BACnet and 0 Modbus devices
    And "Loft" has no Internet connection
    When "P2022-0208" logs in to the customer portal with the EID of its 72220-200 license
    And "P2022-0208" creates an offline activation file of its 72220-200 license for "Basement"
    And the Owner of "Loft" adds the license file
    Then loading the file is refused because the file was made for another SmartServer
    And "Loft" has a device capacity of 0 and a used capacity of 1

  @REQ-CP-3 @REQ-CMS-7 @backoffice @offline @inferred @ui
  Scenario: A file activates its license once
    When "P2022-0208" logs in to the customer portal with the EID of its 72220-200 license
    And "P2022-0208" creates an offline activation file of its 72220-200 license for "Basement"
    And the Owner of "Basement" has added the license file
    When the Owner of "Basement" adds the license file
    Then loading the file is refused because the file was loaded already
    And "Basement" has a device capacity of 200 and a used capacity of 7
