@area:partner-portal
Feature: A maintenance term starts when the license reaches the customer
  A 1- or 3-year maintenance license does not age in the partner's inventory: its term starts on
  the day it is transferred to a customer. The customer still has to activate it on a SmartServer
  for the SmartServer to be covered.

  @REQ-PP-11 @REQ-MNT-3 @backoffice @clock
  Scenario Outline: A <years>-year maintenance term counts from the transfer
    Given today is 2026-01-05
    And partner "ACE Controls" has ordered on PO "PO-2026-0701":
      | model   | quantity |
      | <model> | 1        |
    And SmartServer "Plant room" runs release "4.0" with 2 LON, 0 BACnet and 0 Modbus devices
    When 40 days pass
    And "ACE Controls" transfers its <model> license to the new customer "P2022-0208"
    Then the <model> license of "P2022-0208" runs until <ends>
    When the Owner of "Plant room" saves the Customer ID of "P2022-0208"
    Then the cloud offers "Plant room" the <model> license, described with its expiry <ends>
    But "Plant room" has no maintenance until it is activated

    Examples: a Premium Pass
      | model        | years | ends       |
      | 92201R-P-200 | 3     | 2029-02-14 |

    # The 1-year maintenance model number is not public; the catalog stands in for it.
    @inferred
    Examples: a 1-year maintenance license
      | model         | years | ends       |
      | 92201R-1Y-200 | 1     | 2027-02-14 |
