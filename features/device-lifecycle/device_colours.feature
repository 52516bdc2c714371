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
