# Sample: charges France's duty on the goods alone (FOB) instead of goods + freight (CIF)
# %% q3_landed_cost
goods, freight = 175 * 0.92, 18 * 0.92
duty_fr = 0.12 * goods
landed_fr = goods + freight + duty_fr + 0.20 * (goods + freight + duty_fr)
