@area:capacity
Feature: Capacity models and how many devices they license
  Each capacity model admits a number of devices, and the SmartServer counts as one of them. A
  SmartServer whose devices outnumber the capacity licenses the first ones it defined and leaves
  the rest unlicensed, so licensed devices never exceed the capacity.

  @REQ-CAP-2 @REQ-CAP-3 @REQ-CAP-4 @REQ-CMS-12 @backoffice @online
  Scenario Outline: A <model> license admits <capacity> devices, the SmartServer included
    Given SmartServer "Plant room" runs release "4.0" with <LON> LON, <BACnet> BACnet and <Modbus> Modbus devices
    And customer "P2022-0208" has activated a <model> license on "Plant room"
    Then "Plant room" has a device capacity of <capacity> and a used capacity of <used>
    And <licensed> devices of "Plant room" are licensed and <unlicensed> are unlicensed

    Examples:
      | model      | capacity | LON | BACnet | Modbus | used | licensed | unlicensed |
      | 72220-00   | 5        | 3   | 2      | 1      | 5    | 4        | 2          |
      | 72220-10   | 10       | 6   | 3      | 3      | 10   | 9        | 3          |
      | 72220-50   | 50       | 30  | 15     | 4      | 50   | 49       | 0          |
      | 72220-200  | 200      | 120 | 60     | 30     | 200  | 199      | 11         |
      | 72220-1000 | 1000     | 600 | 300    | 99     | 1000 | 999      | 0          |

  @REQ-CAP-3 @backoffice @online
  Scenario Outline: The SmartServer takes one place of a 10-device license
    Given SmartServer "Plant room" runs release "4.0" with <devices> LON, 0 BACnet and 0 Modbus devices
    And customer "P2022-0208" has activated a 72220-10 license on "Plant room"
    Then <licensed> devices of "Plant room" are licensed and <unlicensed> are unlicensed
    And the capacity badge of "Plant room" is <badge>

    Examples: up to the capacity less the SmartServer's own place
      | devices | licensed | unlicensed | badge |
      | 8       | 8        | 0          | off   |
      | 9       | 9        | 0          | off   |

    # The documents raise the badge when capacity is "less than the number of devices defined";
    # with the SmartServer's own place counted, ten devices on ten places leave one unlicensed.
    @inferred
    Examples: as many devices as the capacity
      | devices | licensed | unlicensed | badge |
      | 10      | 9        | 1          | on    |
