@area:device-lifecycle
Feature: A new device waits for its license before it is provisioned
  From release 3.4 a device created in the CMS is licensed only if the capacity has room for it,
  and an integration waits until the device's lic.licensed flag is true before provisioning it.
  Provisioning a device that is not licensed fails. The device list can be filtered by
  provisioning state.

  Background:
    Given SmartServer "Riser" runs release "4.0" with 8 LON, 0 BACnet and 0 Modbus devices
    And customer "P2022-0208" has activated a 72220-10 license on "Riser"

  @REQ-DEV-4 @REQ-CMS-12 @REQ-CAP-5 @backoffice @online
  Scenario: The ninth device fits, the tenth waits unlicensed
    When a user of "Riser" adds the LON device "VAV-9" by create
    Then the device "VAV-9" of "Riser" reports itself licensed
    When a user of "Riser" adds the LON device "VAV-10" by create
    Then the device "VAV-10" of "Riser" reports itself unlicensed
    When a user of "Riser" provisions the device "VAV-10"
    Then the device operation is refused because the device is unlicensed
    When a user of "Riser" provisions the device "VAV-9"
    Then the device list of "Riser" filtered to provisioned devices shows only "VAV-9"
    And the device list of "Riser" filtered to unprovisioned devices shows 9 devices

  @REQ-DEV-4 @REQ-CAP-6 @backoffice @online
  Scenario: A device that waited is licensed once capacity is added
    Given a user of "Riser" has added the LON device "VAV-9" by create
    And a user of "Riser" has added the LON device "VAV-10" by create
    When customer "P2022-0208" activates a 72220-10 license on "Riser"
    Then the device "VAV-10" of "Riser" reports itself licensed
    When a user of "Riser" provisions the device "VAV-10"
    Then the device "VAV-10" of "Riser" is provisioned (green)
