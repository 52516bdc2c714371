@area:device-lifecycle
Feature: Devices follow the licenses of their SmartServer
  A customer runs several SmartServers, each with LON, BACnet and Modbus devices. While a
  SmartServer holds no capacity its devices are unlicensed (purple). Activating a capacity license
  makes them licensed but unprovisioned (blue); provisioning them by hand turns them green.
  Transferring the licenses back to the cloud leaves them unlicensed again, and a license activated
  afterwards brings them back unprovisioned, to be provisioned once more.

  Background:
    Given the fleet generated from seed 7:
      | SmartServer                   | install code | release | LON | BACnet | Modbus |
      | N Main Street electrical room | 17q2sfq      | 3.3     | 4   | 4      | 4      |
      | E 10th Street roof plant      | 17qsd2a      | 4.1     | 1   | 5      | 6      |
      | Koss Estate roof plant        | 17q8jw4      | 3.4     | 6   | 3      | 5      |
    And customer "P2022-0208" has a 72220-50 license for every SmartServer of the fleet

  @REQ-DEV-1 @REQ-DEV-2 @REQ-DEV-3 @REQ-CMS-4 @REQ-CMS-5 @backoffice @online
  Scenario: Purple, blue, green, purple and blue again
    Then every device of the fleet is unlicensed (purple)
    When the Owner of every SmartServer of the fleet activates one license from the cloud
    Then every device of the fleet is unprovisioned (blue)
    When every device of the fleet is provisioned
    Then the devices of the fleet are, by protocol:
      | protocol | state       | colour | count |
      | LON      | provisioned | green  | 11    |
      | BACnet   | provisioned | green  | 12    |
      | Modbus   | provisioned | green  | 15    |
    When the Owner of every SmartServer of the fleet transfers its licenses to the cloud
    Then every device of the fleet is unlicensed (purple)
    When the Owner of every SmartServer of the fleet activates one license from the cloud
    Then every device of the fleet is unprovisioned (blue)

  @REQ-DEV-3 @REQ-DEV-5 @backoffice @online
  Scenario: A deprovisioned device turns blue again
    Given the Owner of every SmartServer of the fleet has activated one license from the cloud
    And every device of the fleet has been provisioned
    When a user of "Koss Estate roof plant" runs deprovision on its first device
    Then the first device of "Koss Estate roof plant" is unprovisioned (blue)
