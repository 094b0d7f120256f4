# Sample: adds the 2% FX spread to the take rate as a share of the whole price, though it is charged only on what is converted
# %% q1_fee_stack
price = 24.00
payout_cny = (price - 0.08 * price - (0.029 * price + 0.30)) * 9.10 * 0.98
take_rate = 0.08 + 0.029 + 0.30 / price + 0.02
