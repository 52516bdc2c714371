@area:smartserver-cms
Feature: The SmartServer's licensing REST API
  An integration written for a real SmartServer drives licensing through the public REST paths
  under /iap/lic: the licensing status, the list of licenses, the segment's Customer ID, the
  cloud's licenses (which also arrive as an UPD:LIC:CLOUD update on the SmartServer's WebSocket),
  downloading them and uploading them all back. The emulator serves the same paths. The public
  page names the paths but not their verbs or bodies, so those are the emulator's inference.

  @REQ-CMS-13 @REQ-CMS-4 @REQ-CMS-5 @online @inferred
  Scenario: An integration activates and returns licenses through the REST paths
    Given the partner "Northwind" and its customer "P-Building 1" are on record
    And the SmartServer "Plant room" is on record
    When an integration sets the Customer ID of "P-Building 1" on the segment of "Plant room"
    And the integration asks for the cloud's licenses of "Plant room" while it watches the SmartServer's updates
    Then the cloud's licenses arrive both in the answer and as an UPD:LIC:CLOUD update
    When the integration downloads the capacity and maintenance licenses of "P-Building 1" onto "Plant room"
    Then the licensing status of "Plant room" shows the capacity of its capacity license
    And the license list of "Plant room" holds the capacity and maintenance licenses
    When the integration uploads every license of "Plant room" to the cloud
    Then the license list of "Plant room" is empty
