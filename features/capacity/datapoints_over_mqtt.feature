@area:capacity
Feature: Datapoints and device status through IAP/MQ, by license state
  Drivers, apps and cloud connectors speak MQTT to the SmartServer: it publishes its SID, each
  device's status (with, from release 3.4, the lic object whose licensed flag a client waits for
  before provisioning) and datapoint updates, and answers do requests with the same rules as the
  CMS and IAP/REST.

  @REQ-CAP-5 @REQ-DEV-4 @ui
  Scenario: A connector learns the SID and sees the unlicensed devices; provisioning one is refused
    Given the SmartServer "Plant room" is on record
    When a connector follows "Plant room" over IAP/MQ
    Then the connector learns the SID of "Plant room"
    And the connector sees the device "LON-1" of "Plant room" with lic.licensed false
    When the connector asks "Plant room" to provision its LON device "LON-1"
    Then the IAP/MQ request is refused because the device is unlicensed

  @REQ-DEV-4 @REQ-DEV-2 @backoffice @online @ui
  Scenario: From 3.4 a new device's lic.licensed turns true before it can be provisioned
    Given SmartServer "Plant room" runs release "3.4" with 0 LON, 0 BACnet and 0 Modbus devices
    And a connector follows "Plant room" over IAP/MQ
    When the connector asks "Plant room" to create its LON device "Room1"
    Then the connector sees the device "Room1" of "Plant room" with lic.licensed false
    When the connector asks "Plant room" to provision its LON device "Room1"
    Then the IAP/MQ request is refused because the device is unlicensed
    When customer "P2022-0208" activates a 72220-10 license on "Plant room"
    Then the connector sees the device "Room1" of "Plant room" with lic.licensed true
    When the connector asks "Plant room" to provision its LON device "Room1"
    Then the connector sees the device "Room1" of "Plant room" provisioned

  @REQ-CAP-5 @REQ-CMS-15 @REQ-DEV-1 @backoffice @online @clock @ui
  Scenario: Datapoint updates follow writes and the clock; after Transfer to Cloud the devices go purple at once
    Given SmartServer "Plant room" runs release "4.0" with 2 LON, 0 BACnet and 0 Modbus devices
    And customer "P2022-0208" has activated a 72220-10 license on "Plant room"
    And a connector follows "Plant room" over IAP/MQ
    When an app of "Plant room" writes 19.5 to "LON-2/if/thermostat/0/nviSetpoint" through IAP/REST
    Then the connector receives 19.5 for nviSetpoint of "LON-2" on "Plant room"
    When 1 days pass
    Then the connector receives a new reading of nvoLuxLevel of "LON-1" on "Plant room"
    When the Owner of "Plant room" transfers its licenses to the cloud
    Then the connector sees the device "LON-1" of "Plant room" with lic.licensed false
