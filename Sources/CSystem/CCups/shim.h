#pragma once
#include <cups/cups.h>
#include <cups/ipp.h>
