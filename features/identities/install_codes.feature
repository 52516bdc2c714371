@area:identities
Feature: A SmartServer is known by its install code
  Every SmartServer carries a 7-character install code of lowercase letters and digits, printed in
  the hostname on its label (smartserver-17q5t6a). The CMS shows it read-only next to the segment
  controller, the customer portal binds offline activation files to it, and the SmartServer's
  messages use it as their segment ID. That last use is an inference from public examples.

  @REQ-ID-8 @REQ-CMS-2 @backoffice @inferred
  Scenario: Each SmartServer of a fleet is known by its own install code
    Given the fleet generated from seed 2022:
      | SmartServer                  | install code | release | LON | BACnet | Modbus |
      | Monroe Street car park       | 17q0h41      | 4.0     | 11  | 6      | 5      |
      | Wolff Cliffs server room     | 17qtuyd      | 3.4     | 4   | 6      | 0      |
      | Wolf Burgs chiller hall      | 17qivd7      | 3.4     | 9   | 8      | 2      |
      | Pacocha Mountains plant room | 17qy21a      | 4.1     | 1   | 7      | 0      |
    Then every SmartServer of the fleet has the hostname "smartserver-" followed by its install code
    And every SmartServer of the fleet shows its install code read-only in Manage Customer Accounts

  @REQ-ID-8 @inferred
  Scenario: The install code of a SmartServer on record has the documented form
    Given the SmartServer "Plant room" is on record
    Then the install code of "Plant room" is 7 lowercase letters and digits
    And Manage Customer Accounts of "Plant room" shows that install code read-only
