@area:smartserver-cms
Feature: Only the Owner manages licenses
  The CMS knows four user types: User, Supervisor, Admin and Owner. Manage Licenses and everything
  in it belongs to the Owner; the other user types are refused, whatever else they may do.

  Background:
    Given the SmartServer "Plant room" is on record

  @REQ-CMS-1 @ui
  Scenario Outline: A <user type> cannot open Manage Licenses
    When the <user type> of "Plant room" opens Manage Licenses
    Then Manage Licenses is refused because only the Owner may manage licenses

    Examples:
      | user type  |
      | User       |
      | Supervisor |
      | Admin      |

  @REQ-CMS-1 @ui
  Scenario: An Admin cannot download licenses from the cloud either
    When the Admin of "Plant room" asks the cloud which licenses it can download
    Then the download is refused because only the Owner may manage licenses

  @REQ-CMS-1 @REQ-CMS-10 @ui
  Scenario: The Owner opens Manage Licenses
    When the Owner of "Plant room" opens Manage Licenses
    Then Manage Licenses of "Plant room" opens
