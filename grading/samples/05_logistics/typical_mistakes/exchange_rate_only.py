# Sample: takes the price change to be the change of the exchange rate, missing that duty appears above the 150-euro threshold
# %% q4_fx_move
price_change_fr = 0.98 / 0.92 - 1
