@area:device-lifecycle
Feature: Device colours in the CMS
  The CMS colours each device by its license, its provisioning and, once provisioned, its health:
  purple unlicensed, blue unprovisioned, green provisioned and communicating, green with a red ring
  when it reports a marginal failure, yellow when suspect, and red when a licensed, provisioned
  device does not communicate. Health does not change the provisioning: a device can be
  provisioned and suspect at once.

  @REQ-DEV-5 @backoffice @online
  Scenario Outline: A provisioned device reporting <health> health shows <colour>
    Given SmartServer "Riser" runs release "4.0" with 2 LON, 1 BACnet and 0 Modbus devices
    And customer "P2022-0208" has activated a 72220-10 license on "Riser"
    And all devices of "Riser" have been provisioned
    When the first device of "Riser" reports <health> health
    Then the first device of "Riser" is provisioned (<colour>)

    Examples:
      | health   | colour         |
      | marginal | green-red-ring |
      | suspect  | yellow         |
      | down     | red            |
      | normal   | green          |

  @REQ-DEV-5 @REQ-DEV-1 @backoffice @online
  Scenario: A device out of reach of the capacity shows purple whatever its health was
    Given SmartServer "Riser" runs release "4.0" with 2 LON, 1 BACnet and 0 Modbus devices
    And customer "P2022-0208" has activated a 72220-10 license on "Riser"
    And all devices of "Riser" have been provisioned
    And the first device of "Riser" has reported suspect health
    When the Owner of "Riser" transfers its licenses to the cloud
    Then all 3 devices of "Riser" are unlicensed (purple)

  @REQ-DEV-5 @backoffice @online
  Scenario: A device that communicates again turns green again
    Given SmartServer "Riser" runs release "4.0" with 2 LON, 1 BACnet and 0 Modbus devices
    And customer "P2022-0208" has activated a 72220-10 license on "Riser"
    And all devices of "Riser" have been provisioned
    And the first device of "Riser" has reported down health
    When the first device of "Riser" reports normal health
    Then the first device of "Riser" is provisioned (green)

  @REQ-DEV-5 @REQ-DEV-3 @backoffice @faults @online
  Scenario: The spinner turns until the device answers, and a failed provisioning is started again
    Given SmartServer "Riser" runs release "4.0" with 2 LON, 0 BACnet and 0 Modbus devices
    And customer "P2022-0208" has activated a 72220-10 license on "Riser"
    And the devices of "Riser" finish provisioning only when they report back
    When a user of "Riser" runs provision on its first device
    Then the first device of "Riser" is provisioning (blue-spinner)
    When the first device of "Riser" reports that provisioning failed
    Then the first device of "Riser" is still provisioning (blue-spinner)
    When a user of "Riser" runs provision on its first device
    And the first device of "Riser" reports that provisioning succeeded
    Then the first device of "Riser" is provisioned (green)

  @REQ-DEV-5 @REQ-DEV-1 @backoffice @faults @online
  Scenario Outline: A device still provisioning <change>
    Given SmartServer "Riser" runs release "4.0" with 2 LON, 0 BACnet and 0 Modbus devices
    And customer "P2022-0208" has activated a 72220-10 license on "Riser"
    And the devices of "Riser" finish provisioning only when they report back
    And a user of "Riser" has started provisioning its first device
    When <action>
    Then the first device of "Riser" is <state>

    Examples:
      | change                                   | action                                                   | state                 |
      | is deprovisioned                         | a user of "Riser" runs deprovision on its first device   | unprovisioned (blue)  |
      | loses its license with the SmartServer's | the Owner of "Riser" transfers its licenses to the cloud | unlicensed (purple)   |
