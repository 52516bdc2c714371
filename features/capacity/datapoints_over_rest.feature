@area:capacity
Feature: Datapoints through IAP/REST, by license state
  Custom web pages and apps read and write datapoints through IAP/REST. Reading or writing a
  value talks to the physical device, so it is refused for an unlicensed (purple) device, and for
  every device once the licenses went back to the cloud; defining a datapoint's properties, such
  as its tags, talks only to the SmartServer and stays allowed.

  @REQ-CAP-5 @REQ-CMS-15 @ui
  Scenario: Without capacity a datapoint is refused, and its properties can still be defined
    Given the SmartServer "Plant room" is on record
    And every device of "Plant room" is unlicensed (purple)
    When an app of "Plant room" reads "LON-1/if/thermostat/0/nviSetpoint" through IAP/REST
    Then reading the datapoint is refused because the SmartServer holds no device capacity
    When an app of "Plant room" writes 22 to "LON-1/if/thermostat/0/nviSetpoint" through IAP/REST
    Then writing the datapoint is refused because the SmartServer holds no device capacity
    When an app of "Plant room" tags "LON-1/if/thermostat/0/nviSetpoint" with "lobby"
    Then the datapoint nviSetpoint of "LON-1" on "Plant room" is tagged "lobby"

  @REQ-CAP-5 @backoffice @online @ui
  Scenario: A licensed device's datapoint is read and written; a device beyond the capacity is refused
    Given SmartServer "Plant room" runs release "4.0" with 10 LON, 0 BACnet and 0 Modbus devices
    And customer "P2022-0208" has activated a 72220-10 license on "Plant room"
    When an app of "Plant room" writes 23.5 to "*+name==LON-1/if/thermostat/0/nviSetpoint" through IAP/REST
    Then an app of "Plant room" reads 23.5 from "*+name==LON-1/if/thermostat/0/nviSetpoint" through IAP/REST
    When an app of "Plant room" reads "LON-10/if/thermostat/0/nviSetpoint" through IAP/REST
    Then reading the datapoint is refused because the device is unlicensed

  @REQ-CAP-5 @backoffice @online @ui
  Scenario: Tagged datapoints are read page by page
    Given SmartServer "Plant room" runs release "4.0" with 5 LON, 0 BACnet and 0 Modbus devices
    And customer "P2022-0208" has activated a 72220-10 license on "Plant room"
    When an app of "Plant room" tags "*/if/tempSensor/0/nvoTemp" with "temperatures"
    Then an app of "Plant room" reads the 5 datapoints tagged "temperatures" in 3 pages of 2

  @REQ-CMS-15 @REQ-DEV-1 @backoffice @online @ui
  Scenario: After Transfer to Cloud no datapoint is reachable, until a license is activated again
    Given SmartServer "Plant room" runs release "4.0" with 3 LON, 0 BACnet and 0 Modbus devices
    And customer "P2022-0208" has activated a 72220-10 license on "Plant room"
    When the Owner of "Plant room" transfers its licenses to the cloud
    And an app of "Plant room" reads "LON-1/if/thermostat/0/nviSetpoint" through IAP/REST
    Then reading the datapoint is refused because the SmartServer holds no device capacity
    When the Owner of "Plant room" activates every license offered by the cloud
    Then an app of "Plant room" reads 21 from "LON-1/if/thermostat/0/nviSetpoint" through IAP/REST
