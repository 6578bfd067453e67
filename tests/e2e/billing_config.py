"""The practice config the billing end-to-end tests share: practice, x12 envelope, fees."""

CONFIG_TEXT = """[practice]
name = "Reed Counseling"
npi = "1234567893"
tax_id = "123456789"
address = "12 Main St"
city = "Portland"
state = "OR"
zip = "972011234"
phone = "5035550100"
timezone = "America/Los_Angeles"

[x12]
submitter_id = "SUB123"
submitter_name = "Reed Counseling"
receiver_id = "RCV999"
receiver_name = "Clearinghouse"

[billing.fees]
"90834" = 15000
"90837" = 18000
"90847" = 17500
"90832" = 9000
"""
