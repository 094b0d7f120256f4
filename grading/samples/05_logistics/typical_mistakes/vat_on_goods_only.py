# Sample: gets the duty right but charges VAT on the goods alone instead of goods + freight + duty
# %% q3_landed_cost
goods, freight = 175 * 0.92, 18 * 0.92
duty_fr = 0.12 * (goods + freight)
landed_fr = goods + freight + duty_fr + 0.20 * goods
